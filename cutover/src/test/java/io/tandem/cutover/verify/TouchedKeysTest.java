package io.tandem.cutover.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TouchedKeysTest {

    private static final SourcePosition AT = new SourcePosition(Map.of("server", "s"), Map.of("pos", 1), "pos 1");
    private static final TargetTable PAIR = table("pair", List.of("a", "b"));
    private static final TargetTable OTHER = table("other", List.of("a"));
    private static final TargetTable KEYLESS = table("keyless", List.of());

    private final TouchedKeys keys = new TouchedKeys(4);

    @Test
    void updatesTrackTheOldAndTheNewKeyInKeyColumnOrder() {
        apply(new RowChange(RowChange.Op.UPDATE, PAIR, new String[] {"1", "x", "2"}, new String[] {"1", "y", "3"},
                AT));
        // Columns are (a, v, b): the key reads a then b.
        assertEquals(Set.of(List.of("1", "2"), List.of("1", "3")), Set.copyOf(keys.snapshot().keys().get(id(PAIR))));
    }

    @Test
    void aPassForgetsOnlyWhatWasTouchedBeforeItBegan() {
        insert(PAIR, "1");
        long mark = keys.mark();
        insert(PAIR, "2");
        assertFalse(keys.everCovered());
        keys.covered(mark);
        assertTrue(keys.everCovered());
        assertEquals(List.of(List.of("2", "2")), keys.snapshot().keys().get(id(PAIR)));
        // Touched again after the mark: kept.
        long next = keys.mark();
        insert(PAIR, "2");
        keys.covered(next);
        assertEquals(List.of(List.of("2", "2")), keys.snapshot().keys().get(id(PAIR)));
    }

    @Test
    void truncateAndKeylessTablesAreDirtyUntilAPassCoversThem() {
        insert(PAIR, "1");
        apply(new TruncateTable(PAIR, AT));
        apply(new RowChange(RowChange.Op.INSERT, KEYLESS, null, new String[] {"1", "v", "1"}, AT));
        insert(PAIR, "2");
        TouchedKeys.Snapshot now = keys.snapshot();
        assertEquals(Set.of(id(PAIR), id(KEYLESS)), now.dirty());
        assertFalse(now.keys().containsKey(id(PAIR)), "a dirty table's keys are not kept");
        keys.covered(keys.mark());
        assertTrue(keys.snapshot().isEmpty());
    }

    @Test
    void pastTheBoundTheTableHoldingTheMostKeysBecomesDirty() {
        insert(OTHER, "1");
        for (int i = 0; i < 4; i++) {
            insert(PAIR, Integer.toString(i));
        }
        TouchedKeys.Snapshot now = keys.snapshot();
        assertEquals(Set.of(id(PAIR)), now.dirty());
        assertEquals(Map.of(id(OTHER), List.of(List.of("1"))), now.keys());
        assertEquals(1, now.keyCount());
    }

    @Test
    void itTellsWhetherTheBatchCommittedAtAPositionWasRecorded() {
        SourcePosition later = new SourcePosition(Map.of("server", "s"), Map.of("pos", 2), "pos 2");
        assertFalse(keys.heard(AT));
        insert(PAIR, "1");
        assertTrue(keys.heard(AT));
        assertFalse(keys.heard(later));
    }

    private void insert(TargetTable table, String key) {
        String[] row = table.columns().size() == 3 ? new String[] {key, "v", key} : new String[] {key, "v"};
        apply(new RowChange(RowChange.Op.INSERT, table, null, row, AT));
    }

    private void apply(ChangeEvent event) {
        keys.applied(List.of(event), AT, 0);
    }

    private static TableId id(TargetTable table) {
        return table.source();
    }

    private static TargetTable table(String name, List<String> key) {
        // Two-column keys and keyless tables have (a, v, b); one-column keys (a, v).
        List<TargetColumn> columns = key.size() == 1 ? List.of(column("a"), column("v"))
                : List.of(column("a"), column("v"), column("b"));
        return new TargetTable(new TableId("db", name), "db", name, columns, key, List.of(), List.of());
    }

    private static TargetColumn column(String name) {
        return new TargetColumn(name, name, "text", ValueKind.TEXT, false, null, false, true);
    }
}
