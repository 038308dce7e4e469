package io.tandem.connectors.mysql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaReaderTest {

    private static String db;
    private static List<SourceTable> tables;

    @BeforeAll
    static void createSchema() throws Exception {
        db = TestSource.server().createDatabase("schema_reader");
        TestSource.execute(db,
                "CREATE TABLE parent ("
                        + " id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        + " code varchar(100) NOT NULL,"
                        + " body text,"
                        + " name varchar(50) CHARACTER SET latin1 DEFAULT 'it''s',"
                        + " created timestamp(3) NOT NULL DEFAULT current_timestamp(3),"
                        + " twice int AS (CHAR_LENGTH(code) * 2) VIRTUAL,"
                        + " thrice int AS (CHAR_LENGTH(code) * 3) STORED,"
                        + " kind enum('a','b,c','d''e') NOT NULL DEFAULT 'a',"
                        + " UNIQUE KEY uq_code (code),"
                        + " KEY ix_prefix (code(10), name),"
                        + " FULLTEXT KEY ft_body (body))",
                "CREATE TABLE multi (a int NOT NULL, b varchar(10) NOT NULL, c int, PRIMARY KEY (b, a))",
                "CREATE TABLE keyless (x int)",
                "CREATE TABLE excluded (x int)",
                "CREATE VIEW a_view AS SELECT 1 AS one");
        try (Connection connection = TestSource.engineConnections().open()) {
            tables = new SchemaReader(TestSource.serverInfo())
                    .readTables(connection, List.of(db), (database, table) -> !table.equals("excluded"));
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        TestSource.server().dropDatabase(db);
    }

    private static SourceTable table(String name) {
        return tables.stream().filter(t -> t.id().table().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsBaseTablesTheFilterAcceptsInOrder() {
        assertEquals(List.of("keyless", "multi", "parent"), tables.stream().map(t -> t.id().table()).toList());
    }

    @Test
    void readsColumnsWithTheirAttributes() {
        SourceTable parent = table("parent");
        assertEquals(List.of("id", "code", "body", "name", "created", "twice", "thrice", "kind"),
                parent.columns().stream().map(SourceColumn::name).toList());
        SourceColumn id = parent.columns().get(0);
        assertEquals("int(10) unsigned", id.columnType());
        assertTrue(id.autoIncrement());
        assertFalse(id.nullable());
        assertNull(id.defaultExpression());
        assertNull(id.charset());

        SourceColumn name = parent.columns().get(3);
        assertEquals("'it''s'", name.defaultExpression());
        assertEquals("latin1", name.charset());
        assertTrue(name.nullable());
        assertEquals("utf8mb4", parent.columns().get(1).charset());
        assertNull(parent.columns().get(2).defaultExpression(), "a nullable column without default");
        assertEquals("current_timestamp(3)", parent.columns().get(4).defaultExpression());

        SourceColumn twice = parent.columns().get(5);
        assertEquals(SourceColumn.Generated.VIRTUAL, twice.generated());
        assertEquals("char_length(`code`) * 2", twice.generationExpression());
        assertNull(twice.defaultExpression());
        assertEquals(SourceColumn.Generated.STORED, parent.columns().get(6).generated());

        SourceColumn kind = parent.columns().get(7);
        assertEquals(List.of("a", "b,c", "d'e"), kind.enumValues());
        assertEquals("'a'", kind.defaultExpression());
    }

    @Test
    void readsKeysAndIndexes() {
        SourceTable parent = table("parent");
        assertEquals(List.of("id"), parent.primaryKey());
        assertEquals(List.of(
                        new SourceIndex("ft_body", false, List.of("body"), List.of(0), "FULLTEXT"),
                        new SourceIndex("ix_prefix", false, List.of("code", "name"), List.of(10, 0), "BTREE"),
                        new SourceIndex("uq_code", true, List.of("code"), List.of(0), "BTREE")),
                parent.indexes());
        assertEquals(List.of("b", "a"), table("multi").primaryKey(), "key order, not column order");
        assertFalse(table("keyless").hasPrimaryKey());
    }

    @Test
    void readsSizes() throws Exception {
        TestSource.execute(db, "INSERT INTO keyless VALUES (1), (2), (3)", "ANALYZE TABLE keyless");
        try (Connection connection = TestSource.engineConnections().open()) {
            TableId keyless = new TableId(db, "keyless");
            Map<TableId, TableSize> sizes = new SchemaReader(TestSource.serverInfo())
                    .readSizes(connection, List.of(keyless, new TableId(db, "missing")));
            assertEquals(List.of(keyless), List.copyOf(sizes.keySet()));
            assertEquals(3, sizes.get(keyless).estimatedRows());
            assertTrue(sizes.get(keyless).dataLength() > 0);
        }
    }
}
