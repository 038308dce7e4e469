package io.tandem.engine.status;

/** Progress percentages that never claim completion early: estimates from table statistics can be low. */
final class Percent {

    private Percent() {
    }

    static int of(long done, long estimated, boolean complete) {
        if (complete) {
            return 100;
        }
        if (estimated <= 0) {
            return 0;
        }
        return (int) Math.min(99, done * 100 / estimated);
    }
}
