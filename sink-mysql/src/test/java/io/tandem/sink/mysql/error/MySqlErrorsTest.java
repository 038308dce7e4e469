package io.tandem.sink.mysql.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.sink.mysql.MySqlFixture;
import java.io.EOFException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Classification by code and SQLSTATE, on exceptions as both drivers build them and on real server errors. */
class MySqlErrorsTest {

    @Test
    void locksAndLostConnectionsAreRetryable() {
        assertEquals(MySqlErrors.Kind.RETRYABLE, kind("40001", 1213));
        assertEquals(MySqlErrors.Kind.RETRYABLE, kind("HY000", 1205));
        assertEquals(MySqlErrors.Kind.RETRYABLE, kind("HY000", 2006));
        assertEquals(MySqlErrors.Kind.RETRYABLE, kind("HY000", 2013));
        // MySQL Connector/J's CommunicationsException: SQLSTATE 08S01, no vendor code.
        assertEquals(MySqlErrors.Kind.RETRYABLE, kind("08S01", 0));
        assertEquals(MySqlErrors.Kind.RETRYABLE,
                MySqlErrors.classify(new RuntimeException(new EOFException("socket closed"))));
    }

    @Test
    void readOnlyIsFatalAndNamesThePrivilege() {
        SQLException readOnly = new SQLException("The MariaDB server is running with the --read-only option",
                "HY000", 1290);
        assertEquals(MySqlErrors.Kind.READ_ONLY, MySqlErrors.classify(readOnly));
        assertEquals(MySqlErrors.Kind.READ_ONLY, kind("25006", 1836));
        assertTrue(MySqlErrors.describe(readOnly).contains("READ ONLY ADMIN"), MySqlErrors.describe(readOnly));
    }

    @Test
    void refusedValuesAreDataErrors() {
        for (int code : new int[] {1264, 1265, 1292, 1366, 1406, 3140, 1062, 1452, 4025}) {
            assertEquals(MySqlErrors.Kind.DATA, kind("HY000", code), "code " + code);
        }
        assertEquals(MySqlErrors.Kind.DATA, kind("22023", 0));
    }

    @Test
    void anythingElseIsFatal() {
        assertEquals(MySqlErrors.Kind.FATAL, kind("42S02", 1146));
        assertEquals(MySqlErrors.Kind.FATAL, kind("42000", 1142));
        assertEquals(MySqlErrors.Kind.FATAL, MySqlErrors.classify(new IllegalStateException("no SQL here")));
    }

    @Test
    void realServerErrorsAreClassifiedAlike() throws Exception {
        String db = MySqlFixture.server().createDatabase("reverse_errors");
        MySqlFixture.execute(db, "CREATE TABLE t (id int PRIMARY KEY, small tinyint)");
        try (Connection session = MySqlFixture.session(); Statement statement = session.createStatement()) {
            statement.execute("USE `" + db + "`");
            SQLException range = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("INSERT INTO t VALUES (1, 300)"));
            assertEquals(MySqlErrors.Kind.DATA, MySqlErrors.classify(range), MySqlErrors.describe(range));
            statement.executeUpdate("INSERT INTO t VALUES (1, 1)");
            SQLException duplicate = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("INSERT INTO t VALUES (1, 2)"));
            assertEquals(MySqlErrors.Kind.DATA, MySqlErrors.classify(duplicate));
            SQLException missing = assertThrows(SQLException.class,
                    () -> statement.executeQuery("SELECT * FROM no_such_table"));
            assertEquals(MySqlErrors.Kind.FATAL, MySqlErrors.classify(missing));
            session.rollback();
        }
    }

    private static MySqlErrors.Kind kind(String state, int code) {
        return MySqlErrors.classify(new SQLException("message text is never read", state, code));
    }

    @Test
    void errorsWithholdTheRowValuesTheServerQuotes() {
        String duplicate = MySqlErrors.describeWithoutValues(new SQLException(
                "Duplicate entry 'ann@example.com' for key 'uk_email'", "23000", 1062));
        String integer = MySqlErrors.describeWithoutValues(new SQLException(
                "Incorrect integer value: 'it''s 12' for column `shop`.`t`.`n` at row 1", "22007", 1366));

        assertTrue(duplicate.contains("Duplicate entry '…' for key 'uk_email'"), duplicate);
        assertTrue(integer.contains("Incorrect integer value: '…' for column `shop`.`t`.`n`"), integer);
        assertFalse(duplicate.contains("ann@example.com") || integer.contains("12"), duplicate + integer);
    }
}
