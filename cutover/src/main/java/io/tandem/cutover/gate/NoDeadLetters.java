package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import io.tandem.cutover.TargetConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** {@code tandem.dead_letter} is empty: each row there is a source row PostgreSQL does not hold. */
public final class NoDeadLetters implements GateCheck {

    private final TargetConnections target;
    private final boolean allowed;

    /** @param allowed {@code cutover.allow-dead-letters}: report them, but do not refuse */
    public NoDeadLetters(TargetConnections target, boolean allowed) {
        this.target = target;
        this.allowed = allowed;
    }

    @Override
    public Result evaluate() {
        long rows;
        try (Connection connection = target.open(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM tandem.dead_letter")) {
            count.next();
            rows = count.getLong(1);
        } catch (SQLException e) {
            return Result.fail("dead letters", "cannot count tandem.dead_letter: " + e.getMessage());
        }
        if (rows == 0) {
            return Result.pass("dead letters", "none");
        }
        String found = rows + " rows in tandem.dead_letter are missing on PostgreSQL";
        return allowed ? Result.pass("dead letters", found + " (cutover.allow-dead-letters: true)")
                : Result.fail("dead letters", found + "; fix and replay them, or set cutover.allow-dead-letters");
    }
}
