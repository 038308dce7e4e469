package io.tandem.connectors.mysql.admin;

import io.tandem.engine.lag.HeartbeatTable;
import io.tandem.engine.lag.HeartbeatWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The forward heartbeat's row on the source, in the control database's {@code heartbeat} table, for the
 * {@link HeartbeatWriter}. The row reaches the target through the binlog like any change. A connection is lost by
 * the JDBC default (SQLSTATE class 08 or Connector/J's connection exception types); a refusal on a live connection
 * ({@code read_only} during a cutover freeze, a missing grant) keeps it.
 */
public final class SourceHeartbeatTable implements HeartbeatTable {

    private final SourceConnector connector;
    private final ControlTables tables;

    public SourceHeartbeatTable(SourceConnector connector, ControlTables tables) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public String table() {
        return tables.heartbeat();
    }

    @Override
    public Connection open() throws SQLException {
        return connector.open();
    }

    @Override
    public long storedSeq(Connection connection, String instance) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq FROM " + tables.heartbeat() + " WHERE instance = ?")) {
            select.setString(1, instance);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    @Override
    public void upsert(Connection connection, String instance, long seq, long writtenAtMicros) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.heartbeat()
                + " (instance, seq, written_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE seq = ?, written_at = ?")) {
            upsert.setString(1, instance);
            upsert.setLong(2, seq);
            upsert.setLong(3, writtenAtMicros);
            upsert.setLong(4, seq);
            upsert.setLong(5, writtenAtMicros);
            upsert.executeUpdate();
        }
    }
}
