package io.tandem.sink.postgres.wayback;

import io.tandem.engine.lag.HeartbeatTable;
import io.tandem.engine.lag.HeartbeatWriter;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The reverse heartbeat's row on PostgreSQL, {@code tandem.reverse_heartbeat}, for the {@link HeartbeatWriter}
 * (200 ms in production). The row travels the reverse slot to the source like any change, which makes the reverse
 * lag true and keeps the slot's confirmed position moving while the published tables are quiet (CUTOVER.md §3 "Idle
 * WAL"). The mirror of the forward heartbeat on the source.
 *
 * <p>The connection must not carry a replication origin: the reverse stream filters tagged transactions out
 * ({@code origin=none}), and a filtered heartbeat would measure nothing. {@link TargetConnector} hands out plain
 * connections; never pass the forward sink's.
 */
public final class ReverseHeartbeatTable implements HeartbeatTable {

    private final TargetConnector connector;

    public ReverseHeartbeatTable(TargetConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public String name() {
        return "reverse heartbeat";
    }

    @Override
    public String table() {
        return SqlIdentifiers.qualified(ReverseControlTables.SCHEMA, ReverseControlTables.HEARTBEAT);
    }

    @Override
    public Connection open() throws SQLException {
        return connector.open();
    }

    /** Named, so that an operator (and the test) can tell the heartbeat's session in {@code pg_stat_activity}. */
    @Override
    public void prepare(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = 'tandem-reverse-heartbeat'");
        }
    }

    @Override
    public long storedSeq(Connection connection, String instance) throws SQLException {
        return ReverseControlTables.storedSeq(connection, instance);
    }

    @Override
    public void upsert(Connection connection, String instance, long seq, long writtenAtMicros) throws SQLException {
        ReverseControlTables.upsertHeartbeat(connection, instance, seq, writtenAtMicros);
    }

    /** Also SQLSTATE class 57P: the server shut down or restarted (57P01 admin shutdown, 57P02, 57P03). */
    @Override
    public boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return HeartbeatTable.super.connectionLost(e) || state != null && state.startsWith("57P");
    }
}
