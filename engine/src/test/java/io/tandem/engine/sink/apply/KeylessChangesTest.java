package io.tandem.engine.sink.apply;

import static io.tandem.engine.sink.apply.ApplyFixtures.delete;
import static io.tandem.engine.sink.apply.ApplyFixtures.insert;
import static io.tandem.engine.sink.apply.ApplyFixtures.log;
import static io.tandem.engine.sink.apply.ApplyFixtures.row;
import static io.tandem.engine.sink.apply.ApplyFixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeylessChangesTest {

    private final List<String> calls = new ArrayList<>();
    private final RecordingWriter writer = new RecordingWriter(log(), calls);

    @Test
    void aRunOfInsertsIsOneStatementWrittenBeforeTheUpdateOrDeleteAfterIt() throws FailedStatement {
        KeylessChanges changes = new KeylessChanges(writer, 100);
        changes.add(insert(log(), "ann", "x", null));
        changes.add(insert(log(), "bob", "y", null));
        changes.add(update(log(), row("ann", "x", null), row("ann", "z", null)));
        changes.add(insert(log(), "cid", "w", null));
        changes.add(delete(log(), "bob", "y", null));
        changes.flush();
        assertEquals(List.of(
                "insert log [ann, x, null] [bob, y, null]",
                "updateOne log [ann, x, null]->[ann, z, null]",
                "insert log [cid, w, null]",
                "deleteOne log [bob, y, null]"), calls);
    }

    @Test
    void aRowTheTargetLacksIsSkippedAndTheChangesAfterItStillApply() throws FailedStatement {
        writer.missing("ann", "x", null);
        KeylessChanges changes = new KeylessChanges(writer, 100);
        changes.add(delete(log(), "ann", "x", null));
        changes.add(insert(log(), "bob", "y", null));
        changes.flush();
        assertEquals(List.of("deleteOne log [ann, x, null]", "insert log [bob, y, null]"), calls);
    }

    @Test
    void aRunReachingChunkRowsIsWrittenAtOnce() throws FailedStatement {
        KeylessChanges changes = new KeylessChanges(writer, 2);
        changes.add(insert(log(), "ann", "x", null));
        changes.add(insert(log(), "ann", "x", null));
        assertEquals(List.of("insert log [ann, x, null] [ann, x, null]"), calls, "identical rows are both kept");
        changes.flush();
        assertEquals(1, calls.size(), "nothing was left pending");
    }
}
