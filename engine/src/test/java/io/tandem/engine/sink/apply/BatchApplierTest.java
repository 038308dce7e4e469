package io.tandem.engine.sink.apply;

import static io.tandem.engine.sink.apply.ApplyFixtures.POSITION;
import static io.tandem.engine.sink.apply.ApplyFixtures.insert;
import static io.tandem.engine.sink.apply.ApplyFixtures.items;
import static io.tandem.engine.sink.apply.ApplyFixtures.log;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.PolicyAction;
import io.tandem.engine.values.PolicyHit;
import io.tandem.engine.values.ValueIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchApplierTest {

    private final List<String> calls = new ArrayList<>();
    private final ValuePolicyTally policies = new ValuePolicyTally();
    private final BatchApplier applier = new BatchApplier(null, new RecordingDialect(calls), 100, policies);

    @Test
    void everyPendingTableIsWrittenBeforeADdlBarrier() throws FailedStatement {
        applier.apply(insert(items(false), "1", "a"));
        applier.apply(insert(log(), "ann", "x", null));
        applier.apply(new TruncateTable(items(false), POSITION));
        applier.apply(insert(items(false), "2", "b"));
        applier.flushAll();
        assertEquals(List.of(
                "writer items 2 columns", "writer log 3 columns",
                "upsert items [1, a]", "insert log [ann, x, null]",
                "truncate items",
                "writer items 2 columns", "upsert items [2, b]"), calls);
    }

    @Test
    void aCreatedTableStoresItsDefinitionInTheSameBatch() throws FailedStatement {
        applier.apply(new CreateTable(log(), POSITION));
        assertEquals(List.of("create log", "store definition log"), calls);
    }

    @Test
    void controlRowsAndDeadLettersNeedNoFlush() throws FailedStatement {
        applier.apply(insert(items(false), "1", "a"));
        applier.apply(new Heartbeat("tandem", 7, 0, POSITION));
        applier.apply(new PolicyApplied(items(false), "insert", Map.of("id", "2"),
                List.of(new PolicyHit("name", ValueIssue.NUL_CHARACTER, PolicyAction.DEAD_LETTER, "x")), POSITION));
        applier.flushAll();
        assertEquals(List.of("writer items 2 columns", "heartbeat 7", "dead letter {id=2}",
                "upsert items [1, a]"), calls);
        assertEquals(Map.of(items(false).source(), 1L), policies.deadLettered());
    }

    @Test
    void aTableThatChangedShapeWithinTheBatchWritesItsOldRowsWithTheOldDefinitionFirst() throws FailedStatement {
        TargetTable wider = new TargetTable(items(false).source(), "shop", "items",
                List.of(items(false).columns().get(0), items(false).columns().get(1), log().columns().get(0)),
                List.of("id"), List.of(), List.of());
        applier.apply(insert(items(false), "1", "a"));
        applier.apply(insert(wider, "2", "b", "c"));
        applier.flushAll();
        assertEquals(List.of("writer items 2 columns", "upsert items [1, a]",
                "writer items 3 columns", "upsert items [2, b, c]"), calls);
    }
}
