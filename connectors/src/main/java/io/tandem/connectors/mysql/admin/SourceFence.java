package io.tandem.connectors.mysql.admin;

import io.tandem.engine.lag.HeartbeatWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes fence tokens on the source. A token row commits in its own transaction; the binlog orders transactions
 * by commit, so once the target holds the token it holds everything committed on the source before it
 * ({@code TargetFence} waits for that). The drain sentinel of the cutover (CUTOVER.md §7 C2/C3) and of tests.
 */
public final class SourceFence {

    private final SourceConnector connector;
    private final ControlTables tables;
    private final Clock clock;

    public SourceFence(SourceConnector connector, ControlTables tables, Clock clock) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.tables = Objects.requireNonNull(tables, "tables");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes a new random token and returns it. */
    public String write() throws SQLException {
        return write("F-" + UUID.randomUUID());
    }

    /**
     * Writes {@code token} (at most 64 characters) on a connection of its own and commits, then returns it.
     *
     * @throws SQLException also when the token was written before (its primary key): a token fences once
     */
    public String write(String token) throws SQLException {
        if (token.isEmpty() || token.length() > 64) {
            throw new IllegalArgumentException("a fence token has 1 to 64 characters, got " + token.length());
        }
        try (Connection connection = connector.open();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO " + tables.fence() + " (token, written_at) VALUES (?, ?)")) {
            connection.setAutoCommit(true);
            insert.setString(1, token);
            insert.setLong(2, HeartbeatWriter.micros(clock.instant()));
            insert.executeUpdate();
        }
        return token;
    }
}
