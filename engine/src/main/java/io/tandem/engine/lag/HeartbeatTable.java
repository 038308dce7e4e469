package io.tandem.engine.lag;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * What the {@link HeartbeatWriter} needs of one database's heartbeat table, {@code (instance, seq, written_at)}: the
 * forward one on the MySQL source, the reverse one on PostgreSQL. The writer owns the timer, the sequence, pausing
 * and failures; this says how to reach the row.
 */
public interface HeartbeatTable {

    /** What the logs and the writer's thread call these heartbeats, e.g. {@code heartbeat}. */
    String name();

    /** The table the rows go to, for the logs. */
    String table();

    /** A new autocommit connection for the writer alone, which closes it. */
    Connection open() throws SQLException;

    /**
     * Sets up a new connection's session before its first heartbeat, e.g. a name other sessions see it by; nothing
     * by default. The writer closes the connection when this fails.
     */
    default void prepare(Connection connection) throws SQLException {
    }

    /** The stored sequence of {@code instance}, 0 when it has no row yet. */
    long storedSeq(Connection connection, String instance) throws SQLException;

    /** Inserts or updates {@code instance}'s row; autocommit, so it is committed on return. */
    void upsert(Connection connection, String instance, long seq, long writtenAtMicros) throws SQLException;

    /**
     * Whether {@code e} means the connection is no use any more, by SQLSTATE or exception type, never by message. A
     * refusal on a live connection ({@code read_only} or a revoked grant during a freeze) must answer false, so a
     * long freeze does not open a connection per tick. By default JDBC's connection exceptions: SQLSTATE class 08,
     * no SQLSTATE at all, or the driver's connection exception types.
     */
    default boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException;
    }
}
