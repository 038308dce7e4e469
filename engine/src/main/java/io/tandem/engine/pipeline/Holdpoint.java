package io.tandem.engine.pipeline;

import java.util.concurrent.CountDownLatch;

/**
 * A named point where an end-to-end test can stall one stage in process, to prove that something downstream
 * notices (the heartbeat lag must rise while the binlog reader stands still). Production code only ever calls
 * {@link #pass()}, which costs one volatile read while the point is open. {@link #hold()} refuses unless the JVM
 * runs with {@code -Dtandem.test-hooks=true} (tests set it), so an operator cannot stall tandem by accident.
 * Like {@link Failpoint} it is static: it holds every pipeline in the JVM, which tests run one at a time.
 */
public final class Holdpoint {

    /** The binlog reader, before it hands a Debezium batch to tandem; Debezium's bounded queue then fills and waits. */
    public static final Holdpoint BINLOG_BATCH = new Holdpoint("binlog-batch");

    private final String name;
    private volatile CountDownLatch gate;

    private Holdpoint(String name) {
        this.name = name;
    }

    /** Closes the point: threads reaching {@link #pass()} wait until {@link #release()}. */
    public void hold() {
        if (!Boolean.getBoolean("tandem.test-hooks")) {
            throw new IllegalStateException("holdpoint " + name + " is a test hook; it needs -Dtandem.test-hooks=true");
        }
        if (gate == null) {
            gate = new CountDownLatch(1);
        }
    }

    /** Opens the point and lets every waiting thread through. */
    public void release() {
        CountDownLatch closed = gate;
        gate = null;
        if (closed != null) {
            closed.countDown();
        }
    }

    /** Returns at once while open; while held, waits for {@link #release()} or an interrupt (a close). */
    public void pass() throws InterruptedException {
        CountDownLatch closed = gate;
        if (closed != null) {
            closed.await();
        }
    }
}
