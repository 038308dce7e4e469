package io.tandem.deploy.replication;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Prints a one-line summary at a fixed interval (snapshot progress, then streaming throughput and lag). */
public final class ProgressReporter implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tandem-progress");
        thread.setDaemon(true);
        return thread;
    });

    public ProgressReporter(Supplier<String> summary, Consumer<String> out, long intervalMillis) {
        timer.scheduleAtFixedRate(() -> out.accept(summary.get()), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
