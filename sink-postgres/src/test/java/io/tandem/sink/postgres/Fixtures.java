package io.tandem.sink.postgres;

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

/** Builders for tables, events and positions, so tests read as the scenario they check. */
final class Fixtures {

    static final Map<String, String> PARTITION = Map.of("server", "test-source");

    private Fixtures() {
    }

    static TargetColumn column(String name, String pgType, ValueKind kind) {
        return new TargetColumn(name, name, pgType, kind, true, null, false, true);
    }

    static TargetColumn notNull(String name, String pgType, ValueKind kind) {
        return new TargetColumn(name, name, pgType, kind, false, null, false, true);
    }

    static TargetTable table(String schema, String name, List<TargetColumn> columns, List<String> key,
            List<TargetIndex> indexes) {
        return new TargetTable(new TableId(schema, name), schema, name, columns, key, indexes, List.of());
    }

    /** {@code shop.items (id bigint key, name text, qty integer)}. */
    static TargetTable items() {
        return table("shop", "items", List.of(
                notNull("id", "bigint", ValueKind.INTEGER),
                column("name", "text", ValueKind.TEXT),
                column("qty", "integer", ValueKind.INTEGER)), List.of("id"), List.of());
    }

    /** {@code shop.log (who text, what text)} without a key. */
    static TargetTable log() {
        return table("shop", "log", List.of(
                column("who", "text", ValueKind.TEXT),
                column("what", "text", ValueKind.TEXT)), List.of(), List.of());
    }

    static SourcePosition position(long pos) {
        return new SourcePosition(PARTITION, Map.of("file", "mysql-bin.000001", "pos", pos),
                "mysql-bin.000001:" + pos);
    }

    static RowChange insert(TargetTable table, long pos, String... after) {
        return new RowChange(Op.INSERT, table, null, after, position(pos));
    }

    static RowChange update(TargetTable table, long pos, String[] before, String[] after) {
        return new RowChange(Op.UPDATE, table, before, after, position(pos));
    }

    static RowChange delete(TargetTable table, long pos, String... before) {
        return new RowChange(Op.DELETE, table, before, null, position(pos));
    }

    static String[] row(String... values) {
        return values;
    }
}
