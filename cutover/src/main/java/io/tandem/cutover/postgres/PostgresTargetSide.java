package io.tandem.cutover.postgres;

import io.tandem.cutover.TargetConnections;
import io.tandem.cutover.Opening;
import io.tandem.cutover.TargetSide;
import io.tandem.sink.postgres.state.TargetFence;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The cutover's target side on PostgreSQL: the fence arriving ({@link TargetFence}), the verification of what
 * changed, identities and sequences ({@link SequenceSync}), and the application roles' writes ({@link TargetGate}).
 * The replicated tables are asked for at each step, so a table created while streaming is included.
 */
public final class PostgresTargetSide implements TargetSide {

    /** What the verifier says about the rows changed since its last pass, within a time budget. */
    @FunctionalInterface
    public interface ChangedRows {
        List<String> differences(Duration timeout) throws Exception;
    }

    private final TargetConnections target;
    private final TargetFence fence;
    private final Supplier<List<TargetTableName>> tables;
    private final List<String> applicationRoles;
    private final ChangedRows changedRows;
    private final Duration sequenceLockTimeout;
    private final Clock clock;

    public PostgresTargetSide(TargetConnections target, Supplier<List<TargetTableName>> tables,
                              List<String> applicationRoles, ChangedRows changedRows, Duration sequenceLockTimeout,
                              Clock clock) {
        this.target = target;
        this.fence = new TargetFence(target::open, clock);
        this.tables = tables;
        this.applicationRoles = List.copyOf(applicationRoles);
        this.changedRows = changedRows;
        this.sequenceLockTimeout = sequenceLockTimeout;
        this.clock = clock;
    }

    @Override
    public boolean awaitFence(String token, Duration timeout) throws SQLException, InterruptedException {
        try {
            fence.await(token, clock.instant().plus(timeout));
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    @Override
    public List<String> verifyChanged(Duration timeout) throws Exception {
        return changedRows.differences(timeout);
    }

    @Override
    public List<String> syncSequences() throws SQLException {
        try (Connection connection = target.open()) {
            return new SequenceSync(tables.get(), sequenceLockTimeout).sync(connection).stream()
                    .map(SequenceSync.Setting::toString).toList();
        }
    }

    /** The grants commit with the journal's move to COMMITTED: the journal lives in this database. */
    @Override
    public void open(Opening opening) throws Exception {
        opening.commitWith(gate()::openIn);
    }

    @Override
    public void closeForApplication() throws SQLException {
        try (Connection connection = target.open()) {
            List<String> held = gate().close(connection);
            if (!held.isEmpty()) {
                throw new SQLException("application roles can still write on PostgreSQL after the revoke: "
                        + String.join("; ", held) + ". Revoke those grants (from the group role or PUBLIC)");
            }
        }
    }

    /** The gate over the tables replicated now. */
    public TargetGate gate() {
        return new TargetGate(applicationRoles, tables.get());
    }
}
