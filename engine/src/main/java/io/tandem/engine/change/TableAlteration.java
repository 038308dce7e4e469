package io.tandem.engine.change;

import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import java.util.List;
import java.util.Objects;

/**
 * One step of an {@link AlterTable}, in target terms (target column names). The family is closed: the sink renders
 * every kind, and a source change that is none of them is refused by the decoder rather than approximated.
 */
public sealed interface TableAlteration {

    /**
     * A new column. Existing rows get {@code backfillSql}, as the source filled them without row events: the
     * column's default, or for a {@code NOT NULL} column without one MySQL's implicit default ({@code 0},
     * {@code ''}, the first ENUM member); null for SQL NULL.
     */
    record AddColumn(TargetColumn column, String backfillSql) implements TableAlteration {
        public AddColumn {
            Objects.requireNonNull(column, "column");
        }
    }

    record DropColumn(String name) implements TableAlteration {
        public DropColumn {
            Objects.requireNonNull(name, "name");
        }
    }

    record RenameColumn(String from, String to) implements TableAlteration {
        public RenameColumn {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** A column (already under its new name) whose type, nullability or default changed. */
    record AlterColumn(TargetColumn before, TargetColumn after) implements TableAlteration {
        public AlterColumn {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** The primary key is removed (first step of any key change). */
    record DropPrimaryKey() implements TableAlteration {
    }

    /** A new primary key over these target columns (last step of a key change). */
    record AddPrimaryKey(List<String> columns) implements TableAlteration {
        public AddPrimaryKey {
            columns = List.copyOf(columns);
        }
    }

    /** A secondary index is removed; {@code name} is the target index name. */
    record DropIndex(String name) implements TableAlteration {
        public DropIndex {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A new secondary or unique index, named by {@code TargetNames.index}, over target columns. */
    record CreateIndex(TargetIndex index) implements TableAlteration {
        public CreateIndex {
            Objects.requireNonNull(index, "index");
        }
    }

    /** An index renamed on the source; both are target index names. */
    record RenameIndex(String from, String to) implements TableAlteration {
        public RenameIndex {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
