package io.tandem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MySqlTableMapperTest {

    private final MySqlTableMapper mapper = new MySqlTableMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "tinyint(4)                  | smallint                           | INTEGER",
        "tinyint(1)                  | smallint                           | INTEGER",
        "tinyint(3) unsigned         | smallint                           | INTEGER",
        "smallint(5) unsigned        | integer                            | INTEGER",
        "mediumint(8) unsigned       | integer                            | INTEGER",
        "int(11)                     | integer                            | INTEGER",
        "int(10) unsigned            | bigint                             | INTEGER",
        "bigint(20)                  | bigint                             | INTEGER",
        "bigint(20) unsigned zerofill| numeric(20,0)                      | INTEGER",
        "bigint unsigned             | numeric(20,0)                      | INTEGER",
        "decimal(65,30)              | numeric(65,30)                     | DECIMAL",
        "decimal(5,2)                | numeric(5,2)                       | DECIMAL",
        "float                       | real                               | FLOAT",
        "float(7,3)                  | real                               | FLOAT",
        "float(30)                   | double precision                   | FLOAT",
        "double                      | double precision                   | FLOAT",
        "bit(1)                      | boolean                            | BOOLEAN",
        "bit(10)                     | bit(10)                            | BITS",
        "date                        | date                               | DATE",
        "datetime                    | timestamp(0) without time zone     | TIMESTAMP",
        "datetime(6)                 | timestamp(6) without time zone     | TIMESTAMP",
        "timestamp(3)                | timestamp(3) with time zone        | TIMESTAMPTZ",
        "time(6)                     | interval                           | INTERVAL",
        "year(4)                     | smallint                           | INTEGER",
        "char(0)                     | varchar(1)                         | TEXT",
        "char(20)                    | varchar(20)                        | TEXT",
        "varchar(255)                | varchar(255)                       | TEXT",
        "longtext                    | text                               | TEXT",
        "binary(16)                  | bytea                              | BYTES",
        "longblob                    | bytea                              | BYTES",
        "enum('a','b,c','')          | text                               | TEXT",
        "set('x','y')                | text                               | TEXT",
        "json                        | jsonb                              | JSON",
        "geometry                    | bytea                              | BYTES",
        "uuid                        | uuid                               | TEXT",
    })
    void mapsEveryTypeFamily(String columnType, String pgType, ValueKind kind) {
        TargetColumn column = mapOne(SourceColumn.of("c", columnType, true));
        assertEquals(pgType, column.pgType());
        assertEquals(kind, column.kind());
    }

    @Test
    void unknownTypeNamesTableColumnAndType() {
        UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class,
                () -> mapOne(SourceColumn.of("embedding", "vector(3)", true)));
        assertTrue(e.getMessage().contains("db.t"), e.getMessage());
        assertTrue(e.getMessage().contains("embedding"), e.getMessage());
        assertTrue(e.getMessage().contains("vector(3)"), e.getMessage());
    }

    @Test
    void autoIncrementBecomesIdentityWithoutDefault() {
        SourceColumn id = new SourceColumn("id", "smallint(5) unsigned", false, null, true,
                SourceColumn.Generated.NO, null, null, List.of());
        TargetColumn column = mapOne(id);
        assertTrue(column.identity());
        assertNull(column.defaultSql());
        assertFalse(column.nullable());
    }

    @Test
    void unsignedBigintAutoIncrementIsNotAnIdentityAndSaysSo() {
        SourceColumn id = new SourceColumn("id", "bigint(20) unsigned", false, null, true,
                SourceColumn.Generated.NO, null, null, List.of());
        TargetTable table = map(List.of(id), List.of());
        assertFalse(table.columns().get(0).identity());
        assertTrue(table.notes().stream().anyMatch(note -> note.contains("AUTO_INCREMENT")), table.notes().toString());
    }

    @Test
    void translatesDefaults() {
        assertEquals("CURRENT_TIMESTAMP", defaultOf("timestamp", "current_timestamp()"));
        assertEquals("CURRENT_TIMESTAMP", defaultOf("timestamp", "CURRENT_TIMESTAMP"));
        assertEquals("'it''s'", defaultOf("varchar(10)", "'it''s'"));
        assertEquals("42", defaultOf("int(11)", "42"));
        assertEquals("true", defaultOf("bit(1)", "1"));
        assertNull(defaultOf("datetime", "'0000-00-00 00:00:00'"));
        assertNull(defaultOf("int(11)", "NULL"));
    }

    @Test
    void keyAndIndexesNameTargetColumns() {
        SourceColumn id = SourceColumn.of("ID", "int", false);
        SourceColumn mail = SourceColumn.of("E-Mail", "varchar(100)", true);
        TargetTable table = mapper.map(new SourceTable(new TableId("Shop", "Users"), List.of(id, mail), List.of("ID"),
                List.of(new SourceIndex("UQ_Mail", true, List.of("E-Mail"), List.of(0), "BTREE"))));
        assertEquals("shop", table.schema());
        assertEquals("users", table.name());
        assertEquals(List.of("id", "e-mail"), table.columns().stream().map(TargetColumn::name).toList());
        assertEquals(List.of("ID", "E-Mail"), table.columns().stream().map(TargetColumn::sourceName).toList());
        assertEquals(List.of("id"), table.primaryKey());
        assertEquals(List.of(new TargetIndex("UQ_Mail", "users_uq_mail", true, List.of("e-mail"))), table.indexes());
    }

    @Test
    void skipsFulltextAndPrefixIndexesWithANote() {
        SourceColumn title = SourceColumn.of("title", "varchar(255)", false);
        TargetTable table = map(List.of(title), List.of(
                new SourceIndex("ft", false, List.of("title"), List.of(0), "FULLTEXT"),
                new SourceIndex("pre", true, List.of("title"), List.of(10), "BTREE"),
                new SourceIndex("plain", false, List.of("title"), List.of(0), "BTREE")));
        assertEquals(List.of("t_plain"), table.indexes().stream().map(TargetIndex::name).toList());
        assertEquals(2, table.notes().size(), table.notes().toString());
    }

    @Test
    void shortensIdentifiersPostgresWouldTruncate() {
        TargetColumn column = mapOne(SourceColumn.of("c".repeat(64), "int", true));
        assertEquals(63, column.name().length());
        assertEquals("c".repeat(64), column.sourceName());
    }

    @Test
    void spatialColumnsArePostgisGeometryWhenTheTargetHasIt() {
        MySqlTableMapper postgis = new MySqlTableMapper(new TargetNames(NameCase.LOWER), ColumnOverrides.none(),
                SpatialTarget.postgis("\"gis\""));
        SourceTable table = new SourceTable(new TableId("db", "t"), List.of(SourceColumn.of("p", "point", true),
                SourceColumn.of("b", "blob", true)), List.of(), List.of());
        TargetTable mapped = postgis.map(table);
        assertEquals(List.of("\"gis\".geometry", "bytea"), mapped.columns().stream().map(TargetColumn::pgType).toList());
        assertEquals(List.of(ValueKind.GEOMETRY, ValueKind.BYTES),
                mapped.columns().stream().map(TargetColumn::kind).toList());
        assertFalse(MySqlTableMapper.storesSpatialAsBytes(table, mapped));
        assertTrue(MySqlTableMapper.storesSpatialAsBytes(table, mapper.map(table)), "copied before PostGIS");
    }

    @Test
    void anEnumLabelWithAQuestionMarkIsPointedOut() {
        SourceColumn mood = new SourceColumn("mood", "enum('ok','?')", true, null, false, SourceColumn.Generated.NO,
                null, null, List.of("ok", "?"));
        TargetTable table = map(List.of(mood, SourceColumn.of("plain", "enum('a','b')", true)), List.of());
        assertEquals(1, table.notes().size(), table.notes().toString());
        assertTrue(table.notes().get(0).startsWith("column mood has the label '?'"), table.notes().get(0));
    }

    private String defaultOf(String type, String expression) {
        return mapOne(new SourceColumn("c", type, true, expression, false, SourceColumn.Generated.NO, null, null,
                List.of())).defaultSql();
    }

    private TargetColumn mapOne(SourceColumn column) {
        return map(List.of(column), List.of()).columns().get(0);
    }

    private TargetTable map(List<SourceColumn> columns, List<SourceIndex> indexes) {
        return mapper.map(new SourceTable(new TableId("db", "t"), columns, List.of(), indexes));
    }
}
