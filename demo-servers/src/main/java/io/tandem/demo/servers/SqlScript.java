package io.tandem.demo.servers;

import io.tandem.demo.servers.SqlStatementReader.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

/**
 * Runs a MySQL script over one JDBC connection, statement by statement, as {@code mysql < script}
 * would (see {@link SqlStatementReader} for what it understands). Session state the script sets
 * ({@code USE}, {@code SET FOREIGN_KEY_CHECKS=0}, {@code SET AUTOCOMMIT=0}) applies to the rest of it.
 * Stops at the first failing statement.
 */
public final class SqlScript {

    private static final int QUOTED_STATEMENT_LENGTH = 80;

    private SqlScript() {
    }

    /** @return the number of statements executed */
    public static int run(Connection connection, String script) throws SQLException {
        return run(connection, new StringReader(script), UnaryOperator.identity());
    }

    /** Reads the stream as UTF-8 and does not close it. */
    public static int run(Connection connection, InputStream script) throws SQLException {
        return run(connection, new InputStreamReader(script, StandardCharsets.UTF_8), UnaryOperator.identity());
    }

    /**
     * @param rewrite applied to every statement (without its delimiter) before it is sent
     * @return the number of statements executed
     */
    public static int run(Connection connection, Reader script, UnaryOperator<String> rewrite) throws SQLException {
        SqlStatementReader statements = new SqlStatementReader(script);
        int executed = 0;
        try (java.sql.Statement jdbc = connection.createStatement()) {
            // Scripts are MySQL, not JDBC: braces in data must not be read as JDBC escapes.
            jdbc.setEscapeProcessing(false);
            for (Statement next = statements.next(); next != null; next = statements.next()) {
                execute(jdbc, next, rewrite.apply(next.sql()));
                executed++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL script", e);
        }
        return executed;
    }

    private static void execute(java.sql.Statement jdbc, Statement statement, String sql) throws SQLException {
        try {
            jdbc.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("script statement at line " + statement.line() + " failed (" + e.getMessage() + "): "
                    + abbreviate(sql), e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= QUOTED_STATEMENT_LENGTH ? oneLine : oneLine.substring(0, QUOTED_STATEMENT_LENGTH) + "...";
    }
}
