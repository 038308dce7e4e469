package io.tandem.cutover.postgres;

import io.tandem.cutover.SourceSide;
import io.tandem.cutover.TargetConnections;
import io.tandem.sink.postgres.wayback.ReverseControlTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The failback's side on PostgreSQL, the database the application leaves ({@code CUTOVER.md} F2–F4): the
 * application roles lose their writes on the replicated tables and their sessions end (a REVOKE alone does not stop
 * a transaction already writing); the fence token goes into {@code tandem.reverse_fence}, which the reverse stream
 * carries to MySQL behind everything committed before it.
 */
public final class PostgresFailbackSource implements SourceSide {

    /** How long the reverse stream may take to note a token MySQL already committed (its listener runs after). */
    private static final long NOTED_WAIT_MILLIS = 1000;
    /** How long the application's sessions may take to end once signalled. */
    private static final long TERMINATE_WAIT_MILLIS = 1000;

    private final TargetConnections target;
    private final PostgresTargetSide postgres;
    private final List<String> applicationRoles;
    private final ToLongFunction<String> rowsAppliedAfter;
    private final Clock clock;
    private volatile String token;

    /**
     * @param target connections that write untagged (a tagged token would be left out by the reverse stream)
     * @param rowsAppliedAfter application row changes the reverse stream applied after a fence token, or -1 when
     *     it has not applied that token
     */
    public PostgresFailbackSource(TargetConnections target, PostgresTargetSide postgres, List<String> applicationRoles,
                                  ToLongFunction<String> rowsAppliedAfter, Clock clock) {
        this.target = target;
        this.postgres = postgres;
        this.applicationRoles = List.copyOf(applicationRoles);
        this.rowsAppliedAfter = rowsAppliedAfter;
        this.clock = clock;
    }

    @Override
    public void freeze() throws SQLException, InterruptedException {
        postgres.closeForApplication();
        try (Connection connection = target.open()) {
            connection.setAutoCommit(true);
            List<Integer> lingering = ApplicationSessions.terminate(connection, applicationRoles,
                    TERMINATE_WAIT_MILLIS);
            if (!lingering.isEmpty()) {
                throw new SQLException("sessions " + lingering + " of the application roles did not end within "
                        + TERMINATE_WAIT_MILLIS + " ms of pg_terminate_backend");
            }
        }
    }

    @Override
    public void unfreeze() throws SQLException {
        try (Connection connection = target.open()) {
            postgres.gate().open(connection);
        }
    }

    @Override
    public String writeFence(String fenceToken) throws SQLException {
        try (Connection connection = target.open()) {
            connection.setAutoCommit(true);
            ReverseControlTables.writeFence(connection, fenceToken, clock.instant());
            token = fenceToken;
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                row.next();
                return "lsn " + row.getString(1);
            }
        }
    }

    /**
     * PostgreSQL's WAL moves with every write of any database on the server, so its end cannot tell; the reverse
     * stream can: any application row it applied after the token was written after the fence. The token is seen
     * committed on MySQL a moment before the stream has noted it, so a short wait for that comes first.
     */
    @Override
    public String writtenAfterFence(String fencePosition) throws InterruptedException {
        String current = token;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NOTED_WAIT_MILLIS);
        long rows = current == null ? -1 : rowsAppliedAfter.applyAsLong(current);
        while (rows < 0 && current != null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(2);
            rows = rowsAppliedAfter.applyAsLong(current);
        }
        if (rows < 0) {
            return "the reverse stream did not note the fence token " + current + " it applied";
        }
        return rows == 0 ? null : rows + " row change(s) of replicated tables arrived after the fence at "
                + fencePosition;
    }
}
