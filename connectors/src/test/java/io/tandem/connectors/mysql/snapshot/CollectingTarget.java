package io.tandem.connectors.mysql.snapshot;

import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory snapshot target (a fake sink, not a fake database): it keeps committed rows and positions per
 * table, and counts loads still open, so tests can see that every load was committed or rolled back.
 */
final class CollectingTarget implements SnapshotTarget {

    final Map<TableId, Map<String, String>> completed = new ConcurrentHashMap<>();
    final Map<TableId, List<String[]>> rows = new ConcurrentHashMap<>();
    /** What value policies did, per committed table. */
    final Map<TableId, List<PolicyApplied>> policies = new ConcurrentHashMap<>();
    final Set<TableId> created = ConcurrentHashMap.newKeySet();
    final Set<TableId> rolledBack = ConcurrentHashMap.newKeySet();
    final AtomicInteger openLoads = new AtomicInteger();
    final AtomicLong rowsSeen = new AtomicLong();
    /** When false, rows are counted but not kept (for throughput measurements). */
    private final boolean keepRows;

    CollectingTarget() {
        this(true);
    }

    CollectingTarget(boolean keepRows) {
        this.keepRows = keepRows;
    }

    @Override
    public void createTable(TargetTable table) {
        created.add(table.source());
    }

    @Override
    public Map<TableId, Map<String, String>> completedTables() {
        return Map.copyOf(completed);
    }

    @Override
    public TableLoad beginLoad(TargetTable table) {
        openLoads.incrementAndGet();
        return new Load(table);
    }

    List<String[]> rowsOf(TableId table) {
        return rows.get(table);
    }

    private final class Load implements TableLoad {
        private final TargetTable table;
        private final List<String[]> buffer = new ArrayList<>();
        private final List<PolicyApplied> policyBuffer = new ArrayList<>();
        private boolean committed;
        private boolean closed;

        Load(TargetTable table) {
            this.table = table;
        }

        @Override
        public void row(String[] values) {
            if (values.length != table.columns().size()) {
                throw new IllegalArgumentException("row of " + values.length + " values for "
                        + table.columns().size() + " columns");
            }
            rowsSeen.incrementAndGet();
            if (keepRows) {
                buffer.add(values);
            }
        }

        @Override
        public void policyApplied(PolicyApplied applied) {
            policyBuffer.add(applied);
        }

        @Override
        public void commit(Map<String, String> consistentPosition) {
            rows.put(table.source(), List.copyOf(buffer));
            policies.put(table.source(), List.copyOf(policyBuffer));
            completed.put(table.source(), Map.copyOf(consistentPosition));
            committed = true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            openLoads.decrementAndGet();
            if (!committed) {
                rolledBack.add(table.source());
            }
        }
    }
}
