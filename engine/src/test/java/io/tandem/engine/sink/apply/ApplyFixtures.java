package io.tandem.engine.sink.apply;

import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.RowChange.Op;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import java.util.Map;

/** Tables and row changes for the buffering tests, so each test reads as the scenario it checks. */
final class ApplyFixtures {

    static final SourcePosition POSITION = new SourcePosition(Map.of("server", "test"), Map.of("pos", 1), "pos 1");

    private ApplyFixtures() {
    }

    /** {@code shop.items (id key, name)}, with a unique index on {@code name} when asked. */
    static TargetTable items(boolean uniqueName) {
        List<TargetIndex> indexes = uniqueName
                ? List.of(new TargetIndex("name", "items_name", true, List.of("name"))) : List.of();
        return new TargetTable(new TableId("shop", "items"), "shop", "items",
                List.of(column("id", true), column("name", true)), List.of("id"), indexes, List.of());
    }

    /** {@code shop.log (who, what, computed)} without a key; {@code computed} is not written by the sink. */
    static TargetTable log() {
        return new TargetTable(new TableId("shop", "log"), "shop", "log",
                List.of(column("who", true), column("what", true), column("computed", false)),
                List.of(), List.of(), List.of());
    }

    static RowChange insert(TargetTable table, String... after) {
        return new RowChange(Op.INSERT, table, null, after, POSITION);
    }

    static RowChange update(TargetTable table, String[] before, String[] after) {
        return new RowChange(Op.UPDATE, table, before, after, POSITION);
    }

    static RowChange delete(TargetTable table, String... before) {
        return new RowChange(Op.DELETE, table, before, null, POSITION);
    }

    static String[] row(String... values) {
        return values;
    }

    private static TargetColumn column(String name, boolean replicated) {
        return new TargetColumn(name, name, "text", ValueKind.TEXT, true, null, false, replicated);
    }
}
