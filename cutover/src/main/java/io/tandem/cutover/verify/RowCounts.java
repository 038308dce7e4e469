package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.cutover.TargetConnections;
import io.tandem.cutover.postgres.PostgresTargetSide;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The row count of every replicated table on both sides. Exact only while the source is frozen and the target
 * drained, which is when the cutover asks: a missing or extra row anywhere then shows, whatever the last
 * verification pass saw.
 */
public final class RowCounts implements PostgresTargetSide.ChangedRows {

    private final SourceConnections source;
    private final TargetConnections target;
    private final Supplier<Collection<TargetTable>> tables;

    public RowCounts(SourceConnections source, TargetConnections target, Supplier<Collection<TargetTable>> tables) {
        this.source = source;
        this.target = target;
        this.tables = tables;
    }

    @Override
    public List<String> differences(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> differences = new ArrayList<>();
        try (Connection mysql = source.open(); Connection postgres = target.open()) {
            for (TargetTable table : tables.get()) {
                if (System.nanoTime() > deadline) {
                    differences.add("row counts did not finish within " + timeout.toMillis() + " ms (at "
                            + table.source() + ")");
                    return differences;
                }
                long onSource = count(mysql, "SELECT COUNT(*) FROM " + MySqlNames.quote(table.source()));
                long onTarget = count(postgres, "SELECT count(*) FROM " + SqlIdentifiers.qualified(table));
                if (onSource != onTarget) {
                    differences.add(table.source() + ": " + onSource + " rows on the source, " + onTarget
                            + " on the target");
                }
            }
        }
        return differences;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
