package io.tandem.sink.postgres.sql;

import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.sink.apply.Rollback;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work in one transaction on a pooled connection (the pool hands out connections with auto-commit off). */
public final class Transactions {

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, FailedStatement;
    }

    private Transactions() {
    }

    /**
     * Commits after {@code work} returns; rolls back when it throws and rethrows its exception, with a failed
     * rollback attached as suppressed (the connection is then most likely broken, and the pool will discard it).
     */
    public static <T> T run(DataSource pool, Work<T> work) throws SQLException, FailedStatement {
        try (Connection connection = pool.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | FailedStatement | RuntimeException e) {
                Rollback.keepingCause(connection, e);
                throw e;
            }
        }
    }
}
