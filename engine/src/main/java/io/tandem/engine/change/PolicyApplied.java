package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyAction;
import io.tandem.engine.values.PolicyHit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value policy ({@code values:}) changed or refused values of one row change. It travels with the batch so the
 * sink counts it, and records a refused row in {@code tandem.dead_letter}, in the transaction that commits the
 * batch's position: exactly once across crashes. A changed row follows as an ordinary {@link RowChange}; a
 * refused one ({@link #deadLettered()}) does not follow at all.
 *
 * @param operation insert, update or delete
 * @param rowKey the row's key column values (all columns for a table without a key), as the source holds them
 */
public record PolicyApplied(TargetTable table, String operation, Map<String, String> rowKey, List<PolicyHit> hits,
                            SourcePosition position) implements ChangeEvent {

    public PolicyApplied {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(position, "position");
        rowKey = Collections.unmodifiableMap(new LinkedHashMap<>(rowKey));
        hits = List.copyOf(hits);
        if (hits.isEmpty()) {
            throw new IllegalArgumentException("a policy applied to no value of " + table.displayName());
        }
    }

    /** Whether the row was refused (some value's policy is dead-letter), so no row change follows. */
    public boolean deadLettered() {
        return hits.stream().anyMatch(hit -> hit.action() == PolicyAction.DEAD_LETTER);
    }

    @Override
    public long estimatedBytes() {
        long bytes = 128;
        for (PolicyHit hit : hits) {
            bytes += 64 + hit.column().length() + hit.original().length();
        }
        return bytes;
    }
}
