package io.tandem.cutover.mysql;

import io.tandem.connectors.mysql.admin.SourceFreeze;
import io.tandem.cutover.CutoverCoordinator;
import io.tandem.cutover.Direction;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While PostgreSQL is the application's database, MySQL must stay frozen: only the reverse stream writes there. A
 * restarted MySQL or MariaDB forgets {@code SET GLOBAL read_only} (it is not persisted), so after a restart only the
 * locked accounts would keep writers out, and an account not named in {@code cutover.source-app-accounts} could
 * write unnoticed. This checks every few seconds and freezes again, never while a switch runs (it holds the
 * coordinator's switch lock for the check).
 */
public final class FrozenWhileReplica implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrozenWhileReplica.class);

    private final CutoverCoordinator coordinator;
    private final SourceFreeze freeze;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tandem-mysql-frozen");
        thread.setDaemon(true);
        return thread;
    });

    public FrozenWhileReplica(CutoverCoordinator coordinator, SourceFreeze freeze) {
        this.coordinator = coordinator;
        this.freeze = freeze;
    }

    public void start(Duration every) {
        timer.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One check: freezes MySQL again when PostgreSQL is the application's database and MySQL is writable. */
    public void check() {
        try {
            coordinator.whileIdle(Direction.Primary.POSTGRES, () -> {
                try {
                    if (!freeze.isReadOnly()) {
                        LOG.warn("MySQL is writable while PostgreSQL is the application's database (a restarted server"
                                + " forgets read_only): freezing it again");
                        freeze.freeze();
                    }
                } catch (SQLException e) {
                    LOG.warn("checking that MySQL stays read-only failed: {}", e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("checking that MySQL stays read-only failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
