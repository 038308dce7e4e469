package io.tandem.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** sysbench's table shape ({@code sbtest1 … sbtestN}), filled server-side from a generated number series. */
final class SysbenchTables {

    private static final String DIGIT = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL "
            + "SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";

    private SysbenchTables() {
    }

    /** Creates {@code tables} tables of {@code rows} rows each (ids 1 … rows) in the connection's database. */
    static void create(Connection connection, int tables, int rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int t = 1; t <= tables; t++) {
                statement.execute("CREATE TABLE sbtest" + t + " (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                        + "k INT NOT NULL DEFAULT 0, c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', "
                        + "KEY k_" + t + " (k))");
                statement.execute("INSERT INTO sbtest" + t + " (id, k, c, pad) SELECT n + 1, FLOOR(RAND() * " + rows
                        + "), SHA2(n, 256), MD5(n) FROM (SELECT a.d + 10*b.d + 100*c.d + 1000*e.d + 10000*f.d "
                        + "+ 100000*g.d + 1000000*h.d AS n FROM " + DIGIT + " a, " + DIGIT + " b, " + DIGIT + " c, "
                        + DIGIT + " e, " + DIGIT + " f, " + DIGIT + " g, " + DIGIT + " h) numbers WHERE n < " + rows);
            }
        }
    }
}
