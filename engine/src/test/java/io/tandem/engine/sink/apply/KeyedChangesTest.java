package io.tandem.engine.sink.apply;

import static io.tandem.engine.sink.apply.ApplyFixtures.delete;
import static io.tandem.engine.sink.apply.ApplyFixtures.insert;
import static io.tandem.engine.sink.apply.ApplyFixtures.items;
import static io.tandem.engine.sink.apply.ApplyFixtures.row;
import static io.tandem.engine.sink.apply.ApplyFixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedChangesTest {

    private final List<String> log = new ArrayList<>();

    private KeyedChanges changes(boolean uniqueName, int chunkRows) {
        return new KeyedChanges(new RecordingWriter(items(uniqueName), log), chunkRows);
    }

    @Test
    void eachKeyIsWrittenOnceInItsFinalStateWithDeletesFirst() throws FailedStatement {
        KeyedChanges changes = changes(false, 100);
        changes.add(insert(items(false), "1", "a"));
        changes.add(insert(items(false), "2", "b"));
        changes.add(update(items(false), row("1", "a"), row("1", "c")));
        changes.add(delete(items(false), "2", "b"));
        assertEquals(List.of(), log, "nothing is written before the flush");

        changes.flush();
        assertEquals(List.of("deleteByKey items [2]", "upsert items [1, c]"), log);
    }

    @Test
    void aKeyTouchedAgainMovesToItsLastOccurrence() throws FailedStatement {
        KeyedChanges changes = changes(false, 100);
        changes.add(insert(items(false), "1", "a"));
        changes.add(insert(items(false), "2", "b"));
        changes.add(update(items(false), row("1", "a"), row("1", "c")));
        changes.flush();
        assertEquals(List.of("upsert items [2, b] [1, c]"), log);
    }

    @Test
    void anUpdateThatMovesTheKeyDeletesTheOldKey() throws FailedStatement {
        KeyedChanges changes = changes(false, 100);
        changes.add(update(items(false), row("1", "a"), row("3", "a")));
        changes.flush();
        assertEquals(List.of("deleteByKey items [1]", "upsert items [3, a]"), log);
    }

    @Test
    void withAnotherUniqueIndexAPendingKeyFlushesFirstSoUpsertsKeepSourceOrder() throws FailedStatement {
        KeyedChanges changes = changes(true, 100);
        changes.add(insert(items(true), "1", "a"));
        changes.add(insert(items(true), "2", "b"));
        changes.add(update(items(true), row("1", "a"), row("1", "c")));
        changes.flush();
        assertEquals(List.of("upsert items [1, a] [2, b]", "upsert items [1, c]"), log);
    }

    @Test
    void aSetOfChunkRowsKeysIsWrittenAtOnce() throws FailedStatement {
        KeyedChanges changes = changes(false, 2);
        changes.add(insert(items(false), "1", "a"));
        changes.add(insert(items(false), "1", "b"));
        assertEquals(List.of(), log, "one key, however often touched, is one row");
        changes.add(insert(items(false), "2", "c"));
        assertEquals(List.of("upsert items [1, b] [2, c]"), log);

        changes.flush();
        assertEquals(1, log.size(), "nothing was left pending");
    }
}
