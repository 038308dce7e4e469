package io.tandem.sink.postgres.wayback;

import io.tandem.demo.servers.TargetServer;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * A fresh database on the shared test PostgreSQL for the way-back tests. On close it drops every slot left in the
 * database first: an abandoned slot retains WAL for the whole server and keeps the database from being dropped.
 */
final class WayBackDb implements AutoCloseable {

    final TargetServer server;
    final String database;

    private WayBackDb(TargetServer server, String database) {
        this.server = server;
        this.database = database;
    }

    static WayBackDb open(String prefix) throws SQLException {
        TargetServer server = TestServers.target();
        return new WayBackDb(server, server.createDatabase(prefix));
    }

    /** Slot and origin names are server-wide: each test takes its own. */
    static String unique(String prefix) {
        return prefix + "_" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
    }

    /** A slot with a unique name on this database, polled every 50 ms, logged every second. */
    ReverseSlot slot(String prefix) {
        return new ReverseSlot(connector(), unique(prefix), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(1));
    }

    /** Drops the slot and the forward origins (both server-wide), then the database. */
    void closeWith(ReverseSlot slot, int forwardOrigins) throws Exception {
        try {
            slot.drop();
            slot.close();
            try (Connection connection = connect()) {
                ForwardOrigins.drop(connection, forwardOrigins);
            }
        } finally {
            close();
        }
    }

    TargetConnector connector() {
        return this::connect;
    }

    Connection connect() throws SQLException {
        return server.connect(database);
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    String value(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code what} at the deadline. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = server.connect(server.maintenanceDatabase());
                PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
                        + " FROM pg_replication_slots WHERE database = ? AND NOT active")) {
            drop.setString(1, database);
            drop.executeQuery().close();
        }
        server.dropDatabase(database);
    }
}
