package io.tandem.cutover.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The verifier's one target connection, with the output settings the comparison relies on: UTC (timestamptz text),
 * shortest exact float text ({@code extra_float_digits} above 0; 3 is also exact on servers before 12), hex bytea,
 * ISO dates and postgres-style intervals. Staging is a temporary table, so nothing is written to the target's
 * own tables; each chunk is one short transaction, so the comparison reads the target as committed at that moment.
 */
final class TargetSession implements AutoCloseable {

    private final Connection connection;
    private CompareSql staged;

    TargetSession(DataSource target) throws SQLException {
        this.connection = target.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET extra_float_digits = 3");
            statement.execute("SET bytea_output = 'hex'");
            statement.execute("SET DateStyle = 'ISO, YMD'");
            statement.execute("SET IntervalStyle = 'postgres'");
        }
        connection.setAutoCommit(false);
    }

    Connection connection() {
        return connection;
    }

    /** Empties the stage (made for this table's columns) and opens a COPY into it. */
    StageCopy beginStage(CompareSql sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (staged != sql) {
                statement.execute(sql.dropStage());
                statement.execute(sql.createStage());
                staged = sql;
            } else {
                statement.execute("TRUNCATE " + CompareSql.STAGE);
            }
        }
        int[] columns = sql.written();
        return new StageCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.copyIntoStage()), columns);
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** Ends the chunk's transaction; the stage keeps its (temporary) table for the table's next chunk. */
    void endChunk() throws SQLException {
        connection.commit();
    }

    void rollbackQuietly(Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
