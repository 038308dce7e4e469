package io.tandem.deploy.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a rental shop's traffic against Sakila while tandem copies and streams it: rentals with their payment in
 * one transaction, returns, customer and film edits (which fire Sakila's film_text triggers), composite-key inserts
 * and deletes, and deletes of earlier payments. Each iteration is one source transaction.
 */
public final class SakilaWriter implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SakilaWriter.class);
    private static final int DUPLICATE_KEY = 1062;

    private final Supplier<Connection> connections;
    private final int transactionsPerSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong committed = new AtomicLong();
    private volatile SQLException failure;
    private final Deque<Long> ownPayments = new ArrayDeque<>();
    private final Deque<Long> ownRentals = new ArrayDeque<>();

    public SakilaWriter(Supplier<Connection> connections, int transactionsPerSecond) {
        this.connections = connections;
        this.transactionsPerSecond = transactionsPerSecond;
    }

    public void stop() {
        running.set(false);
    }

    /** The error that stopped the writer early, or null. */
    public SQLException failure() {
        return failure;
    }

    public long committedTransactions() {
        return committed.get();
    }

    @Override
    public void run() {
        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, transactionsPerSecond);
        try (Connection connection = connections.get()) {
            connection.setAutoCommit(false);
            long next = System.nanoTime();
            while (running.get()) {
                writeOneTransaction(connection);
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        } catch (SQLException e) {
            failure = e;
            LOG.error("the demo writer stopped: {}", e.getMessage());
        }
    }

    private void writeOneTransaction(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            switch (random.nextInt(6)) {
                case 0, 1 -> rentAndPay(connection, random);
                case 2 -> returnRental(connection);
                case 3 -> editCustomer(connection, random);
                case 4 -> editFilm(connection, random);
                default -> recastOrRefund(connection, random);
            }
            connection.commit();
            committed.incrementAndGet();
        } catch (SQLException e) {
            connection.rollback();
            if (e.getErrorCode() != DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private void rentAndPay(Connection connection, ThreadLocalRandom random) throws SQLException {
        int customer = random.nextInt(1, 600);
        int staff = random.nextInt(1, 3);
        long rentalId;
        try (PreparedStatement rent = connection.prepareStatement(
                "INSERT INTO rental (rental_date, inventory_id, customer_id, staff_id) VALUES (NOW(), ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            rent.setInt(1, random.nextInt(1, 4582));
            rent.setInt(2, customer);
            rent.setInt(3, staff);
            rent.executeUpdate();
            rentalId = generatedKey(rent);
        }
        try (PreparedStatement pay = connection.prepareStatement(
                "INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date) VALUES (?, ?, ?, ?, NOW())",
                Statement.RETURN_GENERATED_KEYS)) {
            pay.setInt(1, customer);
            pay.setInt(2, staff);
            pay.setLong(3, rentalId);
            pay.setBigDecimal(4, BigDecimal.valueOf(random.nextInt(99, 1200), 2));
            pay.executeUpdate();
            remember(ownPayments, generatedKey(pay));
        }
        remember(ownRentals, rentalId);
    }

    private void returnRental(Connection connection) throws SQLException {
        Long rental = ownRentals.pollFirst();
        if (rental == null) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE rental SET return_date = NOW() WHERE rental_id = ?")) {
            update.setLong(1, rental);
            update.executeUpdate();
        }
    }

    private void editCustomer(Connection connection, ThreadLocalRandom random) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE customer SET email = ?, active = ? WHERE customer_id = ?")) {
            update.setString(1, "customer" + random.nextInt(100_000) + "@sakilacustomer.org");
            update.setInt(2, random.nextInt(2));
            update.setInt(3, random.nextInt(1, 600));
            update.executeUpdate();
        }
    }

    private void editFilm(Connection connection, ThreadLocalRandom random) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE film SET rental_rate = ?, description = CONCAT(LEFT(description, 200), ?) WHERE film_id = ?")) {
            update.setBigDecimal(1, BigDecimal.valueOf(random.nextInt(99, 600), 2));
            // film.description is utf8mb3 in Sakila: three-byte characters at most.
            update.setString(2, random.nextBoolean() ? "" : " Now with ümlauts — and\ttabs.");
            update.setInt(3, random.nextInt(1, 1001));
            update.executeUpdate();
        }
    }

    private void recastOrRefund(Connection connection, ThreadLocalRandom random) throws SQLException {
        Long payment = random.nextBoolean() ? ownPayments.pollFirst() : null;
        if (payment != null) {
            try (PreparedStatement refund = connection.prepareStatement("DELETE FROM payment WHERE payment_id = ?")) {
                refund.setLong(1, payment);
                refund.executeUpdate();
            }
            return;
        }
        int actor = random.nextInt(1, 201);
        int film = random.nextInt(1, 1001);
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM film_actor WHERE actor_id = ? AND film_id = ?")) {
            delete.setInt(1, actor);
            delete.setInt(2, film);
            if (delete.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO film_actor (actor_id, film_id) VALUES (?, ?)")) {
                    insert.setInt(1, actor);
                    insert.setInt(2, film);
                    insert.executeUpdate();
                }
            }
        }
    }

    private static long generatedKey(PreparedStatement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key returned");
            }
            return keys.getLong(1);
        }
    }

    private static void remember(Deque<Long> keys, long key) {
        keys.addLast(key);
        if (keys.size() > 10_000) {
            keys.removeFirst();
        }
    }
}
