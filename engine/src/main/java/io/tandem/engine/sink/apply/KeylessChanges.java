package io.tandem.engine.sink.apply;

import io.tandem.engine.change.RowChange;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes of a table without a primary key. Rows have no identity but their values, and identical rows may
 * exist, so every update and delete touches exactly one physical row that has the old values, in source order.
 *
 * <p>Flush rules: a run of consecutive inserts is kept and written as one statement (appends commute with each
 * other); any update or delete first writes that run, since it may target a row the run adds.
 */
final class KeylessChanges implements TableChanges {

    private static final Logger LOG = LoggerFactory.getLogger(KeylessChanges.class);

    private final TableWriter writer;
    private final int chunkRows;
    private final List<String[]> inserts = new ArrayList<>();

    KeylessChanges(TableWriter writer, int chunkRows) {
        this.writer = writer;
        this.chunkRows = chunkRows;
    }

    @Override
    public TargetTable table() {
        return writer.table();
    }

    @Override
    public void add(RowChange change) throws FailedStatement {
        switch (change.op()) {
            case INSERT -> {
                inserts.add(change.after());
                if (inserts.size() >= chunkRows) {
                    flush();
                }
            }
            case UPDATE -> {
                flush();
                warnUnlessMatched(writer.updateOne(change.before(), change.after()), "update", change);
            }
            case DELETE -> {
                flush();
                warnUnlessMatched(writer.deleteOne(change.before()), "delete", change);
            }
        }
    }

    @Override
    public void flush() throws FailedStatement {
        if (inserts.isEmpty()) {
            return;
        }
        try {
            writer.insert(inserts);
        } finally {
            inserts.clear();
        }
    }

    private void warnUnlessMatched(boolean matched, String operation, RowChange change) {
        if (!matched) {
            // The target lacks a row the source had: they already differ. Say so (without the values), but keep
            // going: failing would stop replication over a difference that verification will report.
            LOG.warn("{} on {} found no matching row at source position {}", operation,
                    writer.table().displayName(), change.position().description());
        }
    }
}
