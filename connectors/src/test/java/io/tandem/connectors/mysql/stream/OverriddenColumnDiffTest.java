package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.TableAlteration.AlterColumn;
import io.tandem.engine.change.TableAlteration.DropColumn;
import io.tandem.engine.change.TableAlteration.RenameColumn;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.MySqlTableMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schema changes that touch a column whose type the config overrides. */
class OverriddenColumnDiffTest {

    private static final TableId ID = new TableId("shop", "events");
    private static final SourcePosition AT = new SourcePosition(Map.of(), Map.of(), "bin.1:100");
    private static final ColumnOverride EPOCH = new ColumnOverride("timestamptz", "to_timestamp(value::bigint)");
    private static final MySqlTableMapper MAPPER = new MySqlTableMapper(ColumnOverrides.of(Map.of(
            new ColumnOverrides.Key(ID, "created"), EPOCH)));

    private static final SourceTable BEFORE = table(SourceColumn.of("id", "int(11)", false),
            SourceColumn.of("created", "int(11)", true));

    private static SourceTable table(SourceColumn... columns) {
        return new SourceTable(ID, List.of(columns), List.of("id"), List.of());
    }

    private static AlterTable diff(String ddl, SourceTable after) {
        return AlterDiffs.diff(MAPPER.map(BEFORE), after, MAPPER.map(after), ddl, AT, MAPPER.names());
    }

    @Test
    void aSourceTypeChangeKeepsTheOverrideAndAltersNothingOnTheTarget() {
        AlterTable alter = diff("ALTER TABLE events MODIFY created BIGINT NOT NULL",
                table(SourceColumn.of("id", "int(11)", false), SourceColumn.of("created", "bigint(20)", false)));
        assertEquals(1, alter.steps().size(), alter.steps().toString());
        AlterColumn change = (AlterColumn) alter.steps().get(0);
        assertEquals("timestamptz", change.after().pgType());
        assertEquals(EPOCH, change.after().override());
        assertEquals(change.before().pgType(), change.after().pgType(), "no type change: only NOT NULL is set");
        assertEquals(EPOCH, alter.after().columns().get(1).override());
    }

    @Test
    void aDroppedOverriddenColumnIsDropped() {
        AlterTable alter = diff("ALTER TABLE events DROP created", table(SourceColumn.of("id", "int(11)", false)));
        assertEquals(List.of(new DropColumn("created")), alter.steps());
    }

    @Test
    void aRenamedOverriddenColumnStopsWithTheConfigKeyToSet() {
        UnsupportedSchemaChangeException e = assertThrows(UnsupportedSchemaChangeException.class, () -> diff(
                "ALTER TABLE events RENAME COLUMN created TO created_at",
                table(SourceColumn.of("id", "int(11)", false), SourceColumn.of("created_at", "int(11)", true))));
        assertTrue(e.getMessage().contains("column created (renamed to created_at) has the override timestamptz using "
                + "to_timestamp(value::bigint) on the target, but no override afterwards"), e.getMessage());
        assertTrue(e.getMessage().contains("set columns.\"shop.events.created_at\" in the config"), e.getMessage());
    }

    @Test
    void withTheKeyRenamedInTheConfigTheRenameIsJustARename() {
        MySqlTableMapper renamedKey = new MySqlTableMapper(ColumnOverrides.of(Map.of(
                new ColumnOverrides.Key(ID, "created_at"), EPOCH)));
        SourceTable after = table(SourceColumn.of("id", "int(11)", false), SourceColumn.of("created_at", "int(11)", true));
        AlterTable alter = AlterDiffs.diff(MAPPER.map(BEFORE), after, renamedKey.map(after),
                "ALTER TABLE events RENAME COLUMN created TO created_at", AT, renamedKey.names());
        assertEquals(List.of(new RenameColumn("created", "created_at")), alter.steps());
    }

    @Test
    void anAddedOverriddenColumnThatMySqlFillsIsRefused() {
        MySqlTableMapper withNew = new MySqlTableMapper(ColumnOverrides.of(Map.of(
                new ColumnOverrides.Key(ID, "created"), EPOCH,
                new ColumnOverrides.Key(ID, "paid"), new ColumnOverride("boolean", null))));
        SourceTable after = table(SourceColumn.of("id", "int(11)", false), SourceColumn.of("created", "int(11)", true),
                SourceColumn.of("paid", "tinyint(1)", false));
        UnsupportedSchemaChangeException e = assertThrows(UnsupportedSchemaChangeException.class, () ->
                AlterDiffs.diff(withNew.map(BEFORE), after, withNew.map(after),
                        "ALTER TABLE events ADD paid TINYINT(1) NOT NULL", AT, withNew.names()));
        assertTrue(e.getMessage().contains("column paid is added with the override boolean"), e.getMessage());
    }
}
