package io.tandem.engine.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.metrics.PrometheusText;
import io.tandem.engine.metrics.TandemMetrics;
import io.tandem.engine.model.TableId;
import io.tandem.engine.status.PolicyCount;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuePolicyCountsTest {

    @Test
    void sumsPerTableColumnReasonAndActionForStatusAndMetrics() {
        TandemMetrics metrics = new TandemMetrics(Clock.systemUTC());
        ValuePolicyCounts counts = new ValuePolicyCounts(metrics);
        TableId shop = new TableId("shop", "orders");

        counts.counted(shop, "shipped", ValueIssue.ZERO_DATE, PolicyAction.NULL, 2);
        counts.counted(shop, "note", ValueIssue.NUL_CHARACTER, PolicyAction.STRIP, 1);
        counts.counted(shop, "shipped", ValueIssue.ZERO_DATE, PolicyAction.NULL, 3);
        counts.counted(shop, "shipped", ValueIssue.ZERO_DATE, PolicyAction.DEAD_LETTER, 1);

        assertEquals(List.of(
                new PolicyCount("shop.orders", "note", "nul-character", "strip", 1),
                new PolicyCount("shop.orders", "shipped", "zero-date", "dead-letter", 1),
                new PolicyCount("shop.orders", "shipped", "zero-date", "null", 5)), counts.counts());
        String exposition = PrometheusText.render(metrics.registry());
        assertTrue(exposition.contains("tandem_value_policy_rows_total{table=\"shop.orders\",column=\"shipped\","
                + "reason=\"zero-date\",action=\"null\"} 5"), exposition);
    }
}
