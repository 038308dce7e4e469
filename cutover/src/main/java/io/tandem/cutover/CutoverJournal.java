package io.tandem.cutover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The persisted switch state machine: one row per attempt, cutover or failback, in {@code tandem.cutover} on the
 * target. Every move is a compare-and-set on the row (the expected state in the WHERE clause), written before the
 * step it announces acts, so after a crash the row says the furthest a step may have gone. A partial unique index
 * allows one unfinished attempt at a time, whichever process asks, and the latest attempt says which database is the
 * application's.
 */
public final class CutoverJournal {

    static final String TABLE = "tandem.cutover";

    private static final String[] DDL = {
        "CREATE SCHEMA IF NOT EXISTS tandem",
        "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + " attempt bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " state text NOT NULL,"
                + " token text NOT NULL,"
                + " started_at timestamptz NOT NULL,"
                + " updated_at timestamptz NOT NULL,"
                + " final_position text,"
                + " reason text,"
                + " steps jsonb NOT NULL DEFAULT '[]',"
                + " window_ms double precision)",
        // Journals written before failback existed hold cutovers only.
        "ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS direction text NOT NULL DEFAULT 'cutover'",
        "CREATE UNIQUE INDEX IF NOT EXISTS cutover_one_unfinished ON " + TABLE + " ((true))"
                + " WHERE state NOT IN ('COMPLETED', 'ABORTED')",
    };

    /** One attempt as stored. */
    public record Attempt(long id, Direction direction, CutoverState state, String token, Instant startedAt,
                          Instant updatedAt, String finalPosition, String reason, String stepsJson,
                          Double windowMillis) {

        /** The application's database as this attempt leaves it (once a restart finished or undid it). */
        public Direction.Primary primary() {
            boolean opened = state.isCommitted() || state == CutoverState.OPENING;
            return opened ? direction.primaryAfter() : direction.primaryBefore();
        }
    }

    /** Statements that must commit with the move to COMMITTED, or not at all. */
    @FunctionalInterface
    public interface InTransaction {
        void run(Connection connection) throws SQLException;
    }

    private final TargetConnections target;

    public CutoverJournal(TargetConnections target) {
        this.target = target;
    }

    public void createTable() throws SQLException {
        inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : DDL) {
                    statement.execute(ddl);
                }
            }
        });
    }

    public Optional<Attempt> latest() throws SQLException {
        try (Connection connection = target.open();
             PreparedStatement select = connection.prepareStatement("SELECT attempt, state, token, started_at,"
                     + " updated_at, final_position, reason, steps::text, window_ms, direction FROM " + TABLE
                     + " ORDER BY attempt DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            double window = row.getDouble(9);
            Double windowMillis = row.wasNull() ? null : window;
            return Optional.of(new Attempt(row.getLong(1), Direction.ofLabel(row.getString(10)),
                    CutoverState.valueOf(row.getString(2)), row.getString(3), row.getTimestamp(4).toInstant(),
                    row.getTimestamp(5).toInstant(), row.getString(6), row.getString(7), row.getString(8),
                    windowMillis));
        }
    }

    /**
     * Records a new attempt in {@link CutoverState#FREEZING}.
     *
     * @throws CutoverRefused when another attempt is unfinished
     */
    public long begin(Direction direction, String token, Instant now) throws SQLException {
        long[] attempt = new long[1];
        try {
            inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                        + " (state, token, started_at, updated_at, direction) VALUES (?, ?, ?, ?, ?)"
                        + " RETURNING attempt")) {
                    insert.setString(1, CutoverState.FREEZING.name());
                    insert.setString(2, token);
                    insert.setTimestamp(3, Timestamp.from(now));
                    insert.setTimestamp(4, Timestamp.from(now));
                    insert.setString(5, direction.label());
                    try (ResultSet row = insert.executeQuery()) {
                        row.next();
                        attempt[0] = row.getLong(1);
                    }
                }
            });
            return attempt[0];
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new CutoverRefused("another cutover or failback attempt is unfinished (see tandem.cutover)");
            }
            throw e;
        }
    }

    /** Moves the attempt; throws if it is not at {@code expected} (another process moved it). */
    public void move(long attempt, CutoverState expected, CutoverState next, StepRecord step, Instant now)
            throws SQLException {
        inTransaction(connection -> move(connection, attempt, expected, next, step, now));
    }

    /**
     * Moves to {@link CutoverState#COMMITTED} in the same transaction as {@code action} (the grants that open
     * PostgreSQL to the application): both commit, or neither.
     */
    public void commitWith(long attempt, CutoverState expected, StepRecord step, Instant now, InTransaction action)
            throws SQLException {
        inTransaction(connection -> {
            action.run(connection);
            move(connection, attempt, expected, CutoverState.COMMITTED, step, now);
        });
    }

    /** Runs {@code work} in one transaction on a connection of its own, whatever the pool's auto-commit. */
    private void inTransaction(InTransaction work) throws SQLException {
        try (Connection connection = target.open()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Replaces the attempt's last step record: the opening's duration is known only after the transaction that
     * recorded it committed.
     */
    public void replaceLastStep(long attempt, StepRecord step) throws SQLException {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET steps ="
                    + " jsonb_set(steps, ARRAY[(jsonb_array_length(steps) - 1)::text], jsonb_build_object('step',"
                    + " ?::text, 'millis', ?::float8, 'detail', ?::text)) WHERE attempt = ?"
                    + " AND jsonb_array_length(steps) > 0")) {
                update.setString(1, step.name());
                update.setDouble(2, step.millis());
                update.setString(3, step.detail());
                update.setLong(4, attempt);
                update.executeUpdate();
            }
        });
    }

    /** Sets facts an attempt learned on the way: the final source position, the reason it ended, the window. */
    public void note(long attempt, String finalPosition, String reason, Double windowMillis) throws SQLException {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET"
                    + " final_position = coalesce(?, final_position), reason = coalesce(?, reason),"
                    + " window_ms = coalesce(?, window_ms) WHERE attempt = ?")) {
                update.setString(1, finalPosition);
                update.setString(2, reason);
                if (windowMillis == null) {
                    update.setNull(3, java.sql.Types.DOUBLE);
                } else {
                    update.setDouble(3, windowMillis);
                }
                update.setLong(4, attempt);
                update.executeUpdate();
            }
        });
    }

    private static void move(Connection connection, long attempt, CutoverState expected, CutoverState next,
                             StepRecord step, Instant now) throws SQLException {
        if (!expected.canMoveTo(next)) {
            throw new IllegalStateException("cutover cannot move " + expected + " -> " + next);
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET state = ?,"
                + " updated_at = ?, steps = steps || jsonb_build_array(jsonb_build_object('step', ?::text,"
                + " 'millis', ?::float8, 'detail', ?::text)) WHERE attempt = ? AND state = ?")) {
            update.setString(1, next.name());
            update.setTimestamp(2, Timestamp.from(now));
            update.setString(3, step.name());
            update.setDouble(4, step.millis());
            update.setString(5, step.detail());
            update.setLong(6, attempt);
            update.setString(7, expected.name());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("cutover attempt " + attempt + " is no longer " + expected
                        + "; another process moved it");
            }
        }
    }
}
