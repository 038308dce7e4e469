package io.tandem.connectors.mysql.resync;

import io.tandem.engine.resync.Resync;

/** What a resync means for one change of a table, as the stream reads it. */
public sealed interface Coverage {

    /** No resync of the table is under way: the change is decoded as usual. */
    record None() implements Coverage {
    }

    /** The table's re-copy holds the change: the stream drops it. */
    record Covered() implements Coverage {
    }

    /** The change follows the copy position and the copy is committed: swap the copy in, then decode the change. */
    record SwapFirst(Resync copied) implements Coverage {
    }

    /** The source no longer has the table: drop it on the target; its changes are ignored from here. */
    record Gone() implements Coverage {
    }

    Coverage NONE = new None();
    Coverage COVERED = new Covered();
}
