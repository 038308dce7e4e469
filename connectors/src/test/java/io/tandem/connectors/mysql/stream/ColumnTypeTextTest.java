package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Debezium's parsed types, as seen in its schema-change records, back in information_schema form. */
class ColumnTypeTextTest {

    @Test
    void integersKeepWidthAndAttributes() {
        assertEquals("int(10) unsigned", ColumnTypeText.of("INT UNSIGNED", 10, null, List.of()));
        assertEquals("bigint(20) unsigned zerofill", ColumnTypeText.of("BIGINT UNSIGNED ZEROFILL", 20, null, List.of()));
        assertEquals("int", ColumnTypeText.of("INTEGER", null, null, List.of()));
        assertEquals("int(11)", ColumnTypeText.of("INTEGER", 11, null, List.of()));
        assertEquals("tinyint(1)", ColumnTypeText.of("BOOLEAN", null, null, List.of()));
        assertEquals("tinyint(1)", ColumnTypeText.of("BOOL", 1, null, List.of()));
        assertEquals("smallint(5)", ColumnTypeText.of("SMALLINT SIGNED", 5, null, List.of()));
    }

    @Test
    void numericSynonymsFoldToTheServersNames() {
        assertEquals("decimal(5,0)", ColumnTypeText.of("DEC", 5, null, List.of()));
        assertEquals("decimal(65,30)", ColumnTypeText.of("DECIMAL", 65, 30, List.of()));
        assertEquals("double", ColumnTypeText.of("REAL", null, null, List.of()));
        assertEquals("double", ColumnTypeText.of("DOUBLE PRECISION", null, null, List.of()));
        assertEquals("double", ColumnTypeText.of("FLOAT", 30, null, List.of()));
        assertEquals("float", ColumnTypeText.of("FLOAT", 10, null, List.of()));
        assertEquals("float(7,3)", ColumnTypeText.of("FLOAT", 7, 3, List.of()));
    }

    @Test
    void stringsTemporalsAndCollections() {
        assertEquals("varchar(20)", ColumnTypeText.of("CHARACTER VARYING", 20, null, List.of()));
        assertEquals("text", ColumnTypeText.of("TEXT", 65535, null, List.of()));
        assertEquals("datetime(6)", ColumnTypeText.of("DATETIME", 6, null, List.of()));
        assertEquals("time", ColumnTypeText.of("TIME", null, null, List.of()));
        assertEquals("bit(10)", ColumnTypeText.of("BIT", 10, null, List.of()));
        assertEquals("enum('a','it''s')", ColumnTypeText.of("ENUM", 1, null, List.of("a", "it's")));
        assertEquals("set('x','y')", ColumnTypeText.of("SET", 3, null, List.of("x", "y")));
        assertEquals("geometrycollection", ColumnTypeText.of("GEOMCOLLECTION", null, null, List.of()));
    }

    @Test
    void mariaDbJsonIsTheLongtextItsCatalogReports() {
        assertEquals("longtext", ColumnTypeText.onMariaDb(ColumnTypeText.of("JSON", null, null, List.of())));
        assertEquals("longtext", ColumnTypeText.onMariaDb("longtext"));
        assertEquals("int(11)", ColumnTypeText.onMariaDb("int(11)"));
        assertEquals("json", ColumnTypeText.of("JSON", null, null, List.of()), "MySQL's JSON stays json");
    }
}
