package io.tandem.bench;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming workload of the benchmarks: sysbench {@code oltp_write_only}-like transactions on
 * {@link SysbenchTables}, from several connections, and a marker row that tells when a target has applied all of
 * them. The daemon ({@link ReplicationBench}) and the Kafka Connect sink ({@link ConnectSinkBench}) get the same.
 */
final class OltpWorkload {

    private OltpWorkload() {
    }

    static void writeBacklog(SourceServer source, String database, int tables, int rows, int transactions,
                                     int writers) throws Exception {
        AtomicLong remaining = new AtomicLong(transactions);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = source.connect(database)) {
                    connection.setAutoCommit(false);
                    while (remaining.getAndDecrement() > 0) {
                        writeOne(connection, tables, rows);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** One oltp_write_only transaction: two updates, a delete and the re-insert of the deleted row (4 row events). */
    private static void writeOne(Connection connection, int tables, int rows) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String table = "sbtest" + random.nextInt(1, tables + 1);
        int id = random.nextInt(1, rows + 1);
        try (PreparedStatement index = connection.prepareStatement("UPDATE " + table + " SET k = k + 1 WHERE id = ?");
             PreparedStatement text = connection.prepareStatement("UPDATE " + table + " SET c = ? WHERE id = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO " + table + " (id, k, c, pad) VALUES (?, ?, ?, ?)")) {
            index.setInt(1, random.nextInt(1, rows + 1));
            index.executeUpdate();
            text.setString(1, UUID.randomUUID() + "-" + UUID.randomUUID());
            text.setInt(2, random.nextInt(1, rows + 1));
            text.executeUpdate();
            delete.setInt(1, id);
            delete.executeUpdate();
            insert.setInt(1, id);
            insert.setInt(2, random.nextInt(rows));
            insert.setString(3, UUID.randomUUID().toString());
            insert.setString(4, "pad");
            insert.executeUpdate();
            connection.commit();
        }
    }

    /** Inserts a row into {@code bench_marker}; once it is on the target, everything before it is too. */
    static String marker(SourceServer source, String database) throws SQLException {
        String nonce = UUID.randomUUID().toString();
        try (Connection connection = source.connect(database);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_marker (nonce) VALUES (?)")) {
            insert.setString(1, nonce);
            insert.executeUpdate();
        }
        return nonce;
    }

    static boolean markerArrived(TargetServer target, String targetDatabase, String schema, String nonce)
            throws SQLException {
        try (Connection connection = target.connect(targetDatabase);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM \"" + schema + "\".\"bench_marker\" WHERE nonce = ?")) {
            query.setString(1, nonce);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }
}
