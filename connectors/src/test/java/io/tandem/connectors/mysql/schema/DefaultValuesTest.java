package io.tandem.connectors.mysql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tandem.connectors.mysql.jdbc.Flavor;
import org.junit.jupiter.api.Test;

/** MySQL's forms, which the embedded MariaDB cannot show; MariaDB's own are covered by SchemaReaderTest. */
class DefaultValuesTest {

    private static String mysql(String dataType, String value, String extra) {
        return DefaultValues.normalize(Flavor.MYSQL, dataType, value, extra);
    }

    @Test
    void mySqlLiteralsAreQuotedByType() {
        assertEquals("'abc'", mysql("varchar", "abc", ""));
        assertEquals("'it''s a\\\\b'", mysql("varchar", "it's a\\b", ""));
        assertEquals("'line\\nbreak'", mysql("text", "line\nbreak", ""));
        assertEquals("'2024-01-01 00:00:00'", mysql("datetime", "2024-01-01 00:00:00", ""));
        assertEquals("'a'", mysql("enum", "a", ""));
        assertEquals("'NULL'", mysql("varchar", "NULL", "")); // a literal string NULL, not SQL NULL
        assertEquals("0", mysql("int", "0", ""));
        assertEquals("-1.50", mysql("decimal", "-1.50", ""));
        assertEquals("2024", mysql("year", "2024", ""));
        assertEquals("b'101'", mysql("bit", "b'101'", ""));
        assertEquals("0x6162", mysql("varbinary", "0x6162", ""));
    }

    @Test
    void mySqlExpressionsStayBareAndCurrentTimestampIsSpelledLikeMariaDb() {
        assertEquals("current_timestamp()", mysql("timestamp", "CURRENT_TIMESTAMP", "DEFAULT_GENERATED"));
        assertEquals("current_timestamp(6)", mysql("datetime", "CURRENT_TIMESTAMP(6)",
                "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)"));
        assertEquals("current_timestamp()", mysql("timestamp", "CURRENT_TIMESTAMP", "")); // MySQL 5.7
        assertEquals("uuid()", mysql("varchar", "uuid()", "DEFAULT_GENERATED"));
        assertEquals("'CURRENT_TIMESTAMP'", mysql("varchar", "CURRENT_TIMESTAMP", "")); // just text
    }

    @Test
    void noDefaultIsNull() {
        assertNull(mysql("varchar", null, ""));
        assertNull(DefaultValues.normalize(Flavor.MARIADB, "varchar", "NULL", ""));
        assertEquals("'NULL'", DefaultValues.normalize(Flavor.MARIADB, "varchar", "'NULL'", ""));
    }
}
