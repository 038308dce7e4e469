package io.tandem.converters;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Decodes text of {@code latin1} columns as the server does. MySQL's latin1 is Windows-1252 except for the five
 * bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D, which Windows-1252 leaves undefined and MySQL maps to the C1 controls of
 * the same number. Debezium decodes with Java's {@code windows-1252}, which turns those five into U+FFFD without a
 * word, while the snapshot (converted by the server) has U+0081 etc.: the same row would differ between the two
 * paths. Here the stream gets the server's characters.
 */
public class Latin1TextConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    private static final Set<String> TEXT_TYPES = Set.of("CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT",
            "LONGTEXT");

    @Override
    public void configure(Properties properties) {
        // No options.
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        String type = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT);
        if (TEXT_TYPES.contains(type) && "latin1".equalsIgnoreCase(column.charsetName())) {
            registration.register(SchemaBuilder.string().optional(), Latin1TextConverter::toText);
        }
    }

    /** Binlog values are the stored bytes; defaults come from the DDL parser as text. */
    static Object toText(Object value) {
        if (value instanceof byte[] bytes) {
            return MySqlLatin1.decode(bytes);
        }
        return value == null ? null : value.toString();
    }
}
