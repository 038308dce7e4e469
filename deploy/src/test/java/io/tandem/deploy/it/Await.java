package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition with a deadline; the failure message says what was awaited. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration deadline, Callable<Boolean> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (condition.call()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        fail("timed out after " + deadline + " waiting for " + what + (last == null ? "" : " (last error: " + last + ")"));
    }
}
