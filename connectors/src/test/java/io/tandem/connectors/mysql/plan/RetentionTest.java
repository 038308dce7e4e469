package io.tandem.connectors.mysql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.plan.MigrationPlan.SnapshotEstimate;
import org.junit.jupiter.api.Test;

class RetentionTest {

    @Test
    void theEstimateUsesTheMeasuredRate() {
        SnapshotEstimate estimate = Retention.estimate(1_500_000, 0, new MigrationPlan.Retention(null, "x"));
        assertEquals(10, estimate.seconds());
        assertTrue(estimate.retentionCovers(), "unlimited retention always covers");
    }

    @Test
    void retentionMustCoverTwiceTheEstimatePlusAnHour() {
        long rows = 3_600 * PlanBuilder.SNAPSHOT_ROWS_PER_SECOND; // one hour of copying: needs 3 h
        assertTrue(Retention.estimate(rows, 0, new MigrationPlan.Retention(3 * 3_600L, "x")).retentionCovers());
        SnapshotEstimate short_ = Retention.estimate(rows, 0, new MigrationPlan.Retention(3 * 3_600L - 1, "x"));
        assertFalse(short_.retentionCovers());
        assertTrue(short_.verdict().contains("raise binlog_expire_logs_seconds"), short_.verdict());
    }
}
