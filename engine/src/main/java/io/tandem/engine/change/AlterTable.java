package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import java.util.List;
import java.util.Objects;

/**
 * An {@code ALTER TABLE} on the source while streaming, as the steps that turn the target table {@code before}
 * into {@code after}. Row changes after it carry {@code after}. The steps are ordered as they must run: a primary
 * key goes before the columns it names change, renames before the changes that use the new names, the new key
 * last.
 *
 * @param steps may be empty when the change touches nothing the target holds (e.g. a secondary index, a comment)
 *     but the table definition tandem writes with still changed (e.g. a value kind)
 */
public record AlterTable(TargetTable before, TargetTable after, List<TableAlteration> steps, SourcePosition position)
        implements ChangeEvent {

    public AlterTable {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        steps = List.copyOf(steps);
    }

    @Override
    public long estimatedBytes() {
        return 256L * (1 + after.columns().size() + steps.size());
    }
}
