package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import java.util.Objects;

/**
 * A source schema change tandem cannot translate exactly, skipped because {@code ddl.on-unsupported} is
 * {@code skip}: the target table stays as it was, and the sink records the statement in the batch's transaction so
 * the skip is never silent. Rows of the table that no longer fit its target definition stop replication later.
 *
 * @param table the replicated source table the statement touches
 * @param statement the DDL text as the source logged it
 * @param reason why it was not translated, naming the statement and its position
 */
public record SkippedSchemaChange(TableId table, String statement, String reason, SourcePosition position)
        implements ChangeEvent {

    public SkippedSchemaChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public long estimatedBytes() {
        return 128L + 2L * (statement.length() + reason.length());
    }
}
