package io.tandem.engine.sink.apply;

import static io.tandem.engine.sink.apply.ApplyFixtures.POSITION;
import static io.tandem.engine.sink.apply.ApplyFixtures.insert;
import static io.tandem.engine.sink.apply.ApplyFixtures.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.values.ValuePolicyListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transaction around a batch: what commits with the offset, and the two second attempts at a batch. */
class TransactionalChangeSinkTest {

    private final List<String> log = new ArrayList<>();
    private final RecordingDialect dialect = new RecordingDialect(log);
    private final RecordingConnections connections = new RecordingConnections(log);
    private final Map<TableId, Long> deadLettered = new LinkedHashMap<>();

    private final List<ChangeEvent> batch = List.of(
            insert(items(false), "1", "a"), insert(items(false), "2", "b"), insert(items(false), "3", "c"));

    private TransactionalChangeSink sink(BadRowPolicy onBadRow) {
        return new TransactionalChangeSink(connections.pool(), dialect, 100, onBadRow,
                (table, rows) -> deadLettered.merge(table, rows, Long::sum), ValuePolicyListener.NONE);
    }

    @Test
    void aBatchIsOneTransactionEndingWithItsOffset() {
        sink(BadRowPolicy.FAIL).apply(batch, POSITION);
        assertEquals(List.of("writer items 2 columns", "upsert items [1, a] [2, b] [3, c]", "offset pos 1",
                "commit", "close"), log);
    }

    @Test
    void aRetryAfterACommitOfUnknownOutcomeThatHappenedAppliesNothingAgain() {
        TransactionalChangeSink sink = sink(BadRowPolicy.FAIL);
        connections.failNextCommit();
        SinkException failure = assertThrows(SinkException.class, () -> sink.apply(batch, POSITION));
        assertEquals("commit failed", failure.getMessage());
        log.clear();

        sink.apply(batch, POSITION);
        assertEquals(List.of("read offset", "close"), log);
    }

    @Test
    void aRowRefusedAsDataIsDeadLetteredOnAReplayOneChangeAtATime() {
        dialect.writerOf(items(false)).refuse("2", "b");
        TransactionalChangeSink sink = sink(BadRowPolicy.DEAD_LETTER);
        sink.apply(batch, POSITION);
        assertEquals(List.of("writer items 2 columns", "rollback",
                "savepoint", "upsert items [1, a]", "release savepoint",
                "savepoint", "rollback to savepoint", "dead letter {id=2}",
                "savepoint", "upsert items [3, c]", "release savepoint",
                "offset pos 1", "commit", "close"), withoutWriters(log));
        assertEquals(Map.of(items(false).source(), 1L), deadLettered);
        assertEquals(1, sink.deadLetteredRows());
    }

    @Test
    void failingOnBadRowsRollsTheBatchBackAndCommitsNothing() {
        dialect.writerOf(items(false)).refuse("2", "b");
        assertThrows(SinkException.class, () -> sink(BadRowPolicy.FAIL).apply(batch, POSITION));
        assertEquals(List.of("writer items 2 columns", "rollback", "close"), log);
        assertEquals(Map.of(), deadLettered);
    }

    /** The replay asks for a writer per event; the test is about the transaction around them. */
    private static List<String> withoutWriters(List<String> log) {
        List<String> calls = new ArrayList<>(log);
        calls.subList(1, calls.size()).removeIf(call -> call.startsWith("writer "));
        return calls;
    }
}
