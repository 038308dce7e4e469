package io.tandem.connectors.mysql.resync;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.transform.TargetTable;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** Copies a resync's table aside, announcing its snapshot to the stream (the snapshot package's TableRecopy). */
public interface TableCopier {

    /**
     * @param mapping the table's target definition from its source definition, as tandem maps any table
     * @param cancelled polled as rows are copied; the copy stops (and rolls back) when it turns true
     */
    Outcome copy(Resync resync, Function<SourceTable, TargetTable> mapping, Moments moments,
                 BooleanSupplier cancelled) throws SQLException;

    /** What the stream has to learn of, in this order, for each attempt. */
    interface Moments {

        /** Just before the snapshot starts: events read from now on may be at or after its position. */
        void snapshotStarting();

        /** The snapshot's position: the table's events before it are in the copy, those at or after it are not. */
        void snapshotTaken(BinlogPosition position);
    }

    /** How a copy ended. */
    sealed interface Outcome permits Copied, Gone {
    }

    /** The copy is committed aside: the resync in phase {@code COPIED}. */
    record Copied(Resync resync) implements Outcome {
    }

    /** The source no longer has the table (dropped or renamed after the request). */
    record Gone(BinlogPosition position) implements Outcome {
    }
}
