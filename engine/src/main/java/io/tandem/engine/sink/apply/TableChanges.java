package io.tandem.engine.sink.apply;

import io.tandem.engine.change.RowChange;
import io.tandem.engine.transform.TargetTable;

/** The row changes of one target table not yet sent to the server within the current transaction. */
interface TableChanges {

    /** The exact table definition these changes are written with. */
    TargetTable table();

    /** Takes one change; may write pending changes first when the flush rules say so. */
    void add(RowChange change) throws FailedStatement;

    /** Writes everything pending; afterwards nothing is pending. */
    void flush() throws FailedStatement;
}
