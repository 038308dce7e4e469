package io.tandem.engine.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named point where a crash test can kill the process as abruptly as {@code kill -9}, to prove that nothing
 * between two steps is needed for correctness. Armed only by the system property {@code tandem.failpoint}
 * ({@code <name>:<n>} halts on the n-th time the point is reached); unarmed, it costs one field read.
 */
public final class Failpoint {

    // Declared before the points: static fields initialise in textual order and the constructor reads it.
    private static final String SPEC = System.getProperty("tandem.failpoint", "");

    /** Right after the sink committed a batch, before anything else learns of it. */
    public static final Failpoint AFTER_BATCH_COMMIT = new Failpoint("after-batch-commit");

    /** Right after a table's snapshot copy committed together with its completion mark. */
    public static final Failpoint AFTER_TABLE_COPIED = new Failpoint("after-table-copied");

    private final boolean armed;
    private final int haltAt;
    private final AtomicInteger reached = new AtomicInteger();

    /** A point of another module (the cutover's steps); create once and keep, as the count lives in it. */
    public static Failpoint named(String name) {
        return new Failpoint(name);
    }

    private Failpoint(String name) {
        String prefix = name + ":";
        this.armed = SPEC.startsWith(prefix);
        this.haltAt = armed ? Integer.parseInt(SPEC.substring(prefix.length())) : 0;
    }

    public void reach() {
        if (armed && reached.incrementAndGet() == haltAt) {
            Runtime.getRuntime().halt(137);
        }
    }
}
