package io.tandem.deploy.it.cutover;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches, for as long as it runs, that the application can never write to both databases at once. The two
 * databases cannot be read at one instant, so each sample reads PostgreSQL, MySQL, PostgreSQL, MySQL: a switch
 * opens one only after closing the other, so a database found open twice was open all the time in between, and a
 * violation is only reported when the other was open at a read in between. A sample that fails (a server being
 * restarted) is skipped.
 */
final class BothOpenWatch implements AutoCloseable {

    private final CutoverFixture fixture;
    private final Thread thread;
    private final List<String> violations = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long samples;

    BothOpenWatch(CutoverFixture fixture) {
        this.fixture = fixture;
        this.thread = new Thread(this::run, "both-open-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopping) {
            try {
                boolean postgres1 = fixture.applicationCanWriteOnPostgres();
                boolean mysql1 = fixture.applicationCanWriteOnMySql();
                boolean postgres2 = fixture.applicationCanWriteOnPostgres();
                boolean mysql2 = fixture.applicationCanWriteOnMySql();
                if (postgres1 && mysql1 && postgres2 || mysql1 && postgres2 && mysql2) {
                    synchronized (violations) {
                        violations.add("both open at " + Instant.now());
                    }
                }
                samples++;
            } catch (SQLException e) {
                // A server is down or restarting: nothing can be said about this instant.
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** The moments both databases were found open so far (empty, normally). */
    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    long samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
    }
}
