package io.tandem.sink.postgres.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.change.TableAlteration.AddColumn;
import io.tandem.engine.change.TableAlteration.AddPrimaryKey;
import io.tandem.engine.change.TableAlteration.AlterColumn;
import io.tandem.engine.change.TableAlteration.CreateIndex;
import io.tandem.engine.change.TableAlteration.DropColumn;
import io.tandem.engine.change.TableAlteration.DropIndex;
import io.tandem.engine.change.TableAlteration.DropPrimaryKey;
import io.tandem.engine.change.TableAlteration.RenameColumn;
import io.tandem.engine.change.TableAlteration.RenameIndex;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlterTableDdlTest {

    private static final String T = "ALTER TABLE \"Sh\"\"op\".\"Or ders\" ";
    private static final TargetTable TABLE = new TargetTable(new TableId("Sh\"op", "Or ders"), "Sh\"op", "Or ders",
            List.of(column("id", "integer", false, null)), List.of("id"), List.of(), List.of());

    private static TargetColumn column(String name, String type, boolean nullable, String defaultSql) {
        return new TargetColumn(name, name, type, ValueKind.TEXT, nullable, defaultSql, false, true);
    }

    private static List<String> render(TableAlteration... steps) {
        AlterTable change = new AlterTable(TABLE, TABLE, List.of(steps),
                new SourcePosition(Map.of(), Map.of(), "bin:4"));
        return AlterTableDdl.render(change, "Or ders_pkey");
    }

    @Test
    void addColumnWithItsDefaultFillsExistingRowsWithIt() {
        assertEquals(List.of(T + "ADD COLUMN \"Note\" varchar(10) DEFAULT 'it''s' NOT NULL"),
                render(new AddColumn(column("Note", "varchar(10)", false, "'it''s'"), "'it''s'")));
        assertEquals(List.of(T + "ADD COLUMN \"n\" integer"), render(new AddColumn(column("n", "integer", true, null), null)));
    }

    @Test
    void notNullWithoutDefaultIsBackfilledWithTheImplicitValueThenLosesIt() {
        assertEquals(List.of(T + "ADD COLUMN \"n\" integer DEFAULT 0 NOT NULL", T + "ALTER COLUMN \"n\" DROP DEFAULT"),
                render(new AddColumn(column("n", "integer", false, null), "0")));
    }

    @Test
    void dropAndRenameQuoteEveryName() {
        assertEquals(List.of(T + "DROP COLUMN \"a\"\"b\"", T + "RENAME COLUMN \"x y\" TO \"Z\""),
                render(new DropColumn("a\"b"), new RenameColumn("x y", "Z")));
    }

    @Test
    void typeChangeCastsAndMovesTheDefaultAroundIt() {
        assertEquals(List.of(T + "ALTER COLUMN \"c\" DROP DEFAULT",
                        T + "ALTER COLUMN \"c\" TYPE bigint USING \"c\"::bigint",
                        T + "ALTER COLUMN \"c\" SET DEFAULT 7",
                        T + "ALTER COLUMN \"c\" SET NOT NULL"),
                render(new AlterColumn(column("c", "integer", true, "5"), column("c", "bigint", false, "7"))));
        assertEquals(List.of(T + "ALTER COLUMN \"c\" TYPE text USING \"c\"::text"),
                render(new AlterColumn(column("c", "integer", true, null), column("c", "text", true, null))));
    }

    @Test
    void bytesAndTextConvertAsUtf8LikeMySql() {
        TargetColumn text = column("c", "varchar(10)", true, null);
        TargetColumn bytes = new TargetColumn("c", "c", "bytea", ValueKind.BYTES, true, null, false, true);
        assertEquals(List.of(T + "ALTER COLUMN \"c\" TYPE bytea USING convert_to(\"c\", 'UTF8')"),
                render(new AlterColumn(text, bytes)));
        assertEquals(List.of(T + "ALTER COLUMN \"c\" TYPE varchar(10) USING convert_from(\"c\", 'UTF8')::varchar(10)"),
                render(new AlterColumn(bytes, text)));
    }

    @Test
    void nullabilityAndDefaultAlone() {
        assertEquals(List.of(T + "ALTER COLUMN \"c\" DROP DEFAULT", T + "ALTER COLUMN \"c\" DROP NOT NULL"),
                render(new AlterColumn(column("c", "text", false, "'a'"), column("c", "text", true, null))));
        assertEquals(List.of(T + "ALTER COLUMN \"c\" SET DEFAULT 'b'"),
                render(new AlterColumn(column("c", "text", true, "'a'"), column("c", "text", true, "'b'"))));
    }

    @Test
    void keysAndIndexes() {
        assertEquals(List.of(T + "DROP CONSTRAINT \"Or ders_pkey\"", "DROP INDEX IF EXISTS \"Sh\"\"op\".\"Or ders_i\"",
                        T + "ADD PRIMARY KEY (\"id\", \"b\")"),
                render(new DropPrimaryKey(), new DropIndex("Or ders_i"), new AddPrimaryKey(List.of("id", "b"))));
    }

    @Test
    void indexesAreCreatedAndRenamedInTheTablesSchema() {
        assertEquals(List.of("CREATE UNIQUE INDEX \"Or ders_u\"\"q\" ON \"Sh\"\"op\".\"Or ders\" (\"a\", \"B c\")",
                        "CREATE INDEX \"Or ders_ix\" ON \"Sh\"\"op\".\"Or ders\" (\"a\")",
                        "ALTER INDEX \"Sh\"\"op\".\"Or ders_ix\" RENAME TO \"Or ders_iy\""),
                render(new CreateIndex(new TargetIndex("u\"q", "Or ders_u\"q", true, List.of("a", "B c"))),
                        new CreateIndex(new TargetIndex("ix", "Or ders_ix", false, List.of("a"))),
                        new RenameIndex("Or ders_ix", "Or ders_iy")));
    }
}
