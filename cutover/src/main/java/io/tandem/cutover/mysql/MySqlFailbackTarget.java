package io.tandem.cutover.mysql;

import io.tandem.connectors.mysql.admin.SourceFreeze;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.cutover.Opening;
import io.tandem.cutover.TargetSide;
import io.tandem.cutover.postgres.PostgresTargetSide;
import io.tandem.engine.model.TableId;
import io.tandem.sink.mysql.state.ReverseControlRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The failback's side on MySQL, the database the application moves back to ({@code CUTOVER.md} F4–F7): the token
 * applied by the reverse stream (so everything PostgreSQL committed before it is on MySQL), the rows the reverse
 * stream wrote compared, AUTO_INCREMENT counters past every id, then the freeze of the cutover undone: accounts
 * unlocked, {@code read_only} off. That opening cannot share a transaction with the journal on PostgreSQL, so it
 * is recorded around it ({@link Opening#commitAround}); {@link SourceFreeze#unfreeze} is idempotent, as a restart
 * that finishes it needs.
 */
public final class MySqlFailbackTarget implements TargetSide {

    private static final long POLL_MILLIS = 5;

    private final SourceConnections admin;
    private final SourceFreeze freeze;
    private final ReverseControlRows controlRows;
    private final PostgresTargetSide.ChangedRows changedRows;
    private final Supplier<List<TableId>> tables;

    /**
     * @param admin the admin login, which may read and write while MySQL is read-only
     * @param changedRows compares the rows the reverse stream applied since the cutover
     * @param tables the replicated MySQL tables
     */
    public MySqlFailbackTarget(SourceConnections admin, SourceFreeze freeze, ReverseControlRows controlRows,
                               PostgresTargetSide.ChangedRows changedRows, Supplier<List<TableId>> tables) {
        this.admin = admin;
        this.freeze = freeze;
        this.controlRows = controlRows;
        this.changedRows = changedRows;
        this.tables = tables;
    }

    @Override
    public boolean awaitFence(String token, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = admin.open()) {
            while (true) {
                if (controlRows.fenceApplied(connection, token)) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        }
    }

    @Override
    public List<String> verifyChanged(Duration timeout) throws Exception {
        return changedRows.differences(timeout);
    }

    @Override
    public List<String> syncSequences() throws SQLException {
        try (Connection connection = admin.open()) {
            return new AutoIncrementSync(tables.get()).sync(connection).stream()
                    .map(AutoIncrementSync.Setting::toString).toList();
        }
    }

    @Override
    public void open(Opening opening) throws Exception {
        opening.commitAround(freeze::unfreeze);
    }

    /** MySQL was frozen since the cutover and is only opened past the point of no return: freeze it again anyway. */
    @Override
    public void closeForApplication() throws SQLException {
        if (!freeze.isReadOnly()) {
            freeze.freeze();
        }
    }
}
