package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renames replicated tables pair by pair, in statement order. Debezium sends a multi-table {@code RENAME TABLE} as
 * one record per pair ({@code RENAME TABLE a TO b}), all at the statement's position, in statement order; a pair
 * whose new name no longer exists after the statement (the temporary name of a swap {@code a TO tmp, b TO a,
 * tmp TO b}) comes without {@code tableChanges}. Such a temporary name is followed whatever the table filter says,
 * since a later pair of the same statement renames it again. The {@code tableChanges} only repeat the structure
 * under the new name, which a rename does not change.
 */
final class TableRenames {

    private static final Logger LOG = LoggerFactory.getLogger(TableRenames.class);

    private final ReplicatedTables tables;
    private final SnapshotSkip snapshotSkip;
    /** Tables now under the temporary name of a rename swap; a later record of the same statement renames them. */
    private final Set<TableId> underTemporaryName = new HashSet<>();

    TableRenames(ReplicatedTables tables, SnapshotSkip snapshotSkip) {
        this.tables = tables;
        this.snapshotSkip = snapshotSkip;
    }

    /** Whether the last statement left a table under a temporary name, so more records of it follow. */
    boolean statementContinues() {
        return !underTemporaryName.isEmpty();
    }

    /**
     * @param database the statement's default database, for names written without one
     * @param intoTemporaryName whether the record has no table changes: its new names are gone by the end of the
     *     statement, so they are the temporary names of a swap
     */
    List<ChangeEvent> rename(List<TableRename> renames, String database, String ddl, SourcePosition position,
                             BinlogPosition eventStart, boolean intoTemporaryName) {
        if (database.isEmpty() && renames.stream().anyMatch(r -> !r.from().qualified() || !r.to().qualified())) {
            throw new UnsupportedSchemaChangeException("cannot tell the database of " + ddl + " at " + position);
        }
        List<ChangeEvent> events = new ArrayList<>();
        for (TableRename rename : renames) {
            TableId from = rename.from().in(database);
            TableId to = rename.to().in(database);
            TargetTable known = tables.get(from);
            if (known == null) {
                if (!intoTemporaryName && tables.wanted(to)) {
                    // A table that was not replicated takes a replicated name: its rows are not on the target, and
                    // only a copy brings them (ddl.on-unsupported: resync).
                    throw refused(to, ddl, position, "a table tandem does not replicate takes the replicated name "
                            + to + ", and its rows are not on the target");
                }
                continue;
            }
            ChangeEvent event = renameReplicated(known, from, to, ddl, position, eventStart, intoTemporaryName);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    private ChangeEvent renameReplicated(TargetTable known, TableId from, TableId to, String ddl,
                                         SourcePosition position, BinlogPosition eventStart,
                                         boolean intoTemporaryName) {
        boolean fromCopiedLater = snapshotSkip.alreadyCopied(from, eventStart);
        boolean toCopiedLater = snapshotSkip.alreadyCopied(to, eventStart);
        if (toCopiedLater && !fromCopiedLater && tables.get(to) != null) {
            // The new name was copied after this rename (tandem was stopped when it ran and found only the new
            // name): that copy holds the table's rows, so the target table under the old name is obsolete.
            LOG.info("{} was renamed to {} at {}, which was copied since; dropping the target table of {}",
                    from, to, position, from);
            tables.drop(from);
            return new DropTable(known, position);
        }
        if (fromCopiedLater || toCopiedLater) {
            throw refused(from, ddl, position, "the rename happened while the snapshot ran; copy the tables again");
        }
        if (!from.database().equals(to.database())) {
            throw refused(from, ddl, position, "moving a table to another database is not supported yet");
        }
        if (!intoTemporaryName && !tables.wanted(to)) {
            throw refused(from, ddl, position, "the new name " + to + " is outside the table filter");
        }
        if (tables.get(to) != null) {
            // Pairs arrive in statement order, so a name is free again before anything is renamed onto it;
            // anything else means tandem's tables and the source's disagree.
            throw refused(from, ddl, position, "it renames onto the name of replicated table " + to
                    + ", which tandem still holds");
        }
        TargetTable renamed = tables.rename(known, to);
        underTemporaryName.remove(from);
        if (intoTemporaryName) {
            underTemporaryName.add(to);
        }
        return new RenameTable(known, renamed, position);
    }

    private static UnsupportedSchemaChangeException refused(TableId table, String ddl, SourcePosition at,
                                                            String reason) {
        return new UnsupportedSchemaChangeException(table, ddl, at, reason);
    }
}
