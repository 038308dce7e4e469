package io.tandem.engine.values;

import io.tandem.engine.metrics.TandemMetrics;
import io.tandem.engine.model.TableId;
import io.tandem.engine.status.PolicyCount;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the rows value policies changed or refused, for {@code /status} and {@code /metrics}, and logs a warning
 * the first time a policy acts on a table's column for a reason: once, not per row, so a table full of zero dates
 * does not flood the log.
 */
public final class ValuePolicyCounts implements ValuePolicyListener {

    private static final Logger LOG = LoggerFactory.getLogger(ValuePolicyCounts.class);

    private record Key(String table, String column, ValueIssue issue, PolicyAction action) {
    }

    private record Warned(String table, String column, ValueIssue issue) {
    }

    private final TandemMetrics metrics;
    private final Map<Key, LongAdder> rows = new ConcurrentHashMap<>();
    private final Set<Warned> warned = ConcurrentHashMap.newKeySet();

    public ValuePolicyCounts(TandemMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void counted(TableId table, String column, ValueIssue issue, PolicyAction action, long n) {
        String name = table.toString();
        rows.computeIfAbsent(new Key(name, column, issue, action), k -> new LongAdder()).add(n);
        metrics.valuePolicyRows(name, column, issue.label(), action.label(), n);
        if (warned.add(new Warned(name, column, issue))) {
            LOG.warn("{} column {} holds {} value(s) PostgreSQL cannot store; {}: {} (counted in /status and "
                    + "tandem_value_policy_rows_total; this is logged once per column)", name, column,
                    issue.label(), issue.configKey(), describe(action));
        }
    }

    /** Every count so far, ordered by table, column, reason and action. */
    public List<PolicyCount> counts() {
        return rows.entrySet().stream()
                .map(e -> new PolicyCount(e.getKey().table(), e.getKey().column(), e.getKey().issue().label(),
                        e.getKey().action().label(), e.getValue().sum()))
                .sorted(Comparator.comparing(PolicyCount::table).thenComparing(PolicyCount::column)
                        .thenComparing(PolicyCount::reason).thenComparing(PolicyCount::action))
                .toList();
    }

    private static String describe(PolicyAction action) {
        return switch (action) {
            case NULL -> "written as NULL";
            case INFINITY -> "written as -infinity";
            case STRIP -> "written without the NUL characters";
            case DEAD_LETTER -> "rows not applied, recorded in tandem.dead_letter";
        };
    }
}
