package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.testkit.compare.ComparisonReport;
import io.tandem.testkit.compare.RowComparator;
import io.tandem.testkit.compare.TableComparison;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements about tables the filter excludes ({@code audit*}) whose text names a replicated table ({@code orders}):
 * a column, an index or a foreign key named after it, renames and drops. Which tables a statement is about comes
 * from its parse, so none of them stops replication, and {@code orders} keeps replicating exactly.
 */
class ExcludedTableStatementsTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private SourceFixture fixture;
    private Daemon daemon;

    @BeforeEach
    void start() throws Exception {
        fixture = SourceFixture.withoutSakila("excl");
        fixture.onSource("CREATE TABLE marker (id INT AUTO_INCREMENT PRIMARY KEY, nonce VARCHAR(20))",
                "CREATE TABLE orders (id INT PRIMARY KEY, qty INT)",
                "CREATE TABLE audit (id INT PRIMARY KEY, o INT, note VARCHAR(20))",
                "INSERT INTO orders VALUES (1, 10), (2, 20)", "INSERT INTO audit VALUES (1, NULL, 'orders')");
        daemon = Daemon.start(ServersConfig.builder("excl-it", fixture.source, fixture.database, fixture.target,
                        fixture.targetDatabase).set("source.tables.exclude", List.of(fixture.database + ".audit*"))
                .build(), line -> { }, 60_000);
        awaitInSync();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void statementsOnAnExcludedTableNamingAReplicatedOneNeverStopReplication() throws Exception {
        fixture.onSource("ALTER TABLE audit ADD COLUMN orders INT",
                "INSERT INTO orders VALUES (3, 30)",
                "ALTER TABLE audit ADD FOREIGN KEY (o) REFERENCES orders (id)",
                "UPDATE orders SET qty = 21 WHERE id = 2",
                "CREATE INDEX orders ON audit (orders)",
                "ALTER TABLE audit ADD UNIQUE KEY `orders.id` (id, orders), RENAME COLUMN note TO `orders.note`",
                "INSERT INTO audit VALUES (2, 3, 'orders', 3)",
                "RENAME TABLE audit TO audit2",
                "DELETE FROM orders WHERE id = 1",
                "ALTER TABLE audit2 RENAME TO audit3, ADD COLUMN qty INT",
                "DROP INDEX orders ON audit3",
                "CREATE TABLE audit_orders LIKE orders",
                "INSERT INTO audit_orders SELECT * FROM orders",
                "INSERT INTO orders VALUES (4, 40)",
                "DROP TABLE audit_orders");
        awaitInSync();
        fixture.onSource("DROP TABLE audit3",
                "UPDATE orders SET qty = qty + 1");
        awaitInSync();
        assertEquals(List.of(List.of("2", "22"), List.of("3", "31"), List.of("4", "41")),
                fixture.targetRows("SELECT id, qty FROM \"" + fixture.database + "\".orders ORDER BY id"));
    }

    /** A marker row through the binlog: once it is on the target, everything committed before it is too. */
    private void awaitInSync() throws Exception {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = fixture.source.connect(fixture.database);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO marker (nonce) VALUES (?)")) {
            insert.setString(1, nonce);
            insert.executeUpdate();
        }
        Await.until("the marker to reach PostgreSQL", WAIT, () -> {
            if (daemon.replication().anyFailure().isCompletedExceptionally()) {
                daemon.replication().anyFailure().join();
            }
            return markerArrived(nonce);
        });
        ComparisonReport report = new RowComparator(fixture.source, fixture.target, fixture.targetDatabase)
                .compare(fixture.database);
        for (TableComparison table : report.tables()) {
            if (table.table().startsWith("audit")) {
                assertEquals(List.of("table missing on target"), table.problems(), "excluded: " + table.table());
            } else {
                assertTrue(table.isEqual(), report.toString());
            }
        }
        assertTrue(report.tables().stream().anyMatch(table -> table.table().equals("orders")), report.toString());
    }

    private boolean markerArrived(String nonce) throws SQLException {
        try (Connection connection = fixture.target.connect(fixture.targetDatabase);
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM \"" + fixture.database
                     + "\".marker WHERE nonce = ?")) {
            query.setString(1, nonce);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) == 1;
            }
        }
    }
}
