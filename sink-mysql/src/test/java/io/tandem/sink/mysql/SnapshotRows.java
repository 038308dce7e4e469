package io.tandem.sink.mysql;

import io.tandem.connectors.mysql.snapshot.SnapshotCopier;
import io.tandem.connectors.mysql.snapshot.SnapshotSettings;
import io.tandem.connectors.mysql.snapshot.SnapshotTable;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.status.SnapshotProgressTracker;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.ValuePolicies;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders tables to PostgreSQL text with tandem's own snapshot copier: an in-memory snapshot target (a fake sink,
 * not a fake database) that keeps the committed rows.
 */
final class SnapshotRows implements SnapshotTarget {

    private final Map<TableId, List<String[]>> rows = new ConcurrentHashMap<>();

    /** The rows of each table, as the forward direction would hand them to PostgreSQL. */
    static Map<TableId, List<String[]>> of(List<SnapshotTable> tables) throws Exception {
        SnapshotRows target = new SnapshotRows();
        new SnapshotCopier(MySqlFixture.connections(), MySqlFixture.serverInfo(), target,
                new SnapshotProgressTracker(Clock.systemUTC()),
                new SnapshotSettings(1, 4096, SnapshotSettings.DEFAULT_LOCK_WAIT, ValuePolicies.DEFAULTS))
                .copy(tables);
        return target.rows;
    }

    @Override
    public void createTable(TargetTable table) {
    }

    @Override
    public Map<TableId, Map<String, String>> completedTables() {
        return Map.of();
    }

    @Override
    public TableLoad beginLoad(TargetTable table) {
        List<String[]> buffer = new ArrayList<>();
        return new TableLoad() {
            @Override
            public void row(String[] values) {
                buffer.add(values);
            }

            @Override
            public void policyApplied(PolicyApplied applied) {
                throw new AssertionError("no value policy should apply to the round-trip rows: " + applied);
            }

            @Override
            public void commit(Map<String, String> consistentPosition) {
                rows.put(table.source(), List.copyOf(buffer));
            }

            @Override
            public void close() {
            }
        };
    }
}
