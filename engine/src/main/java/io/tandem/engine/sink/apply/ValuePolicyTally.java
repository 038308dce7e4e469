package io.tandem.engine.sink.apply;

import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.TableId;
import io.tandem.engine.values.PolicyAction;
import io.tandem.engine.values.PolicyHit;
import io.tandem.engine.values.ValueIssue;
import io.tandem.engine.values.ValuePolicyListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows value policies changed or refused within one target transaction, reported only once it has committed.
 * A refused row counts only its dead-lettered values: the others were never written.
 */
public final class ValuePolicyTally {

    private record Key(TableId table, String column, ValueIssue issue, PolicyAction action) {
    }

    private final Map<Key, Long> rows = new LinkedHashMap<>();
    private final Map<TableId, Long> deadLettered = new LinkedHashMap<>();

    public void add(PolicyApplied applied) {
        boolean refused = applied.deadLettered();
        TableId table = applied.table().source();
        for (PolicyHit hit : applied.hits()) {
            if (!refused || hit.action() == PolicyAction.DEAD_LETTER) {
                rows.merge(new Key(table, hit.column(), hit.issue(), hit.action()), 1L, Long::sum);
            }
        }
        if (refused) {
            deadLettered.merge(table, 1L, Long::sum);
        }
    }

    /** Row changes refused by a policy, by source table. */
    public Map<TableId, Long> deadLettered() {
        return deadLettered;
    }

    /** Call after the commit. */
    public void report(ValuePolicyListener listener) {
        rows.forEach((key, n) -> listener.counted(key.table(), key.column(), key.issue(), key.action(), n));
    }
}
