package io.tandem.converters;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Undoes value changes Debezium makes on the way from the binlog:
 * <ul>
 *   <li>{@code YEAR} stored as 0 ({@code 0000}) is decoded as {@code Year.of(1900 + 0)}; 1900 is not a valid YEAR,
 *       so 1900 here always means 0000, which is what the snapshot reads.</li>
 *   <li>{@code BOOL}/{@code BOOLEAN} is a {@code TINYINT(1)}, which holds -128..127, but Debezium emits a Connect
 *       BOOLEAN and turns 2 into true. Here it stays the stored number (INT16), as the snapshot reads it.</li>
 *   <li>{@code REAL} means DOUBLE unless {@code REAL_AS_FLOAT} is set, but Debezium emits FLOAT32 and drops half
 *       the bits. Here it stays a FLOAT64; under {@code REAL_AS_FLOAT} the column really is a 4-byte float, whose
 *       shortest decimal text becomes the double, so its text form is unchanged.</li>
 *   <li>MariaDB's {@code UUID} is 16 bytes that the binlog writes like a {@code BINARY(16)}, with trailing zero
 *       bytes cut off; Debezium reads the shorter array as a smaller number, so {@code …174000} arrives as
 *       {@code 00…1740}. Here the bytes are padded back to 16 before they are printed.</li>
 * </ul>
 * The {@code BOOL} and {@code REAL} cases only concern columns whose type Debezium learned from DDL text (a table
 * created while streaming, or history recorded from DDL); {@code SHOW CREATE TABLE} says {@code tinyint(1)} and
 * {@code double}. Registered under the {@code converters} option of the connector.
 */
public class ExactTypesConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    @Override
    public void configure(Properties properties) {
        // No options.
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        String type = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT);
        switch (type) {
            case "BOOL", "BOOLEAN" -> registration.register(SchemaBuilder.int16().optional(), ExactTypesConverter::toShort);
            case "REAL" -> registration.register(SchemaBuilder.float64().optional(), ExactTypesConverter::toDouble);
            case "YEAR" -> registration.register(SchemaBuilder.int32().optional(), ExactTypesConverter::toYear);
            case "UUID" -> registration.register(SchemaBuilder.string().optional(), ExactTypesConverter::toUuid);
            default -> {
                // Debezium's own conversion is exact for every other type with tandem's connector options.
            }
        }
    }

    /** Values come from the binlog as numbers; defaults from the DDL parser as booleans or text. */
    private static Object toShort(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.shortValue();
        }
        if (value instanceof Boolean bool) {
            return (short) (bool ? 1 : 0);
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return (short) 1;
        }
        if (text.equalsIgnoreCase("false")) {
            return (short) 0;
        }
        return Short.parseShort(text);
    }

    /**
     * Binlog values are {@link java.time.Year}s; defaults come from the DDL parser as numbers or text. A snapshot
     * Debezium takes itself (on Kafka Connect) reads YEAR through JDBC, which hands it over as a
     * {@link java.sql.Date} on the first of January.
     */
    static Object toYear(Object value) {
        if (value == null) {
            return null;
        }
        int year;
        if (value instanceof java.time.Year y) {
            year = y.getValue();
        } else if (value instanceof java.sql.Date date) {
            return date.toLocalDate().getYear();
        } else if (value instanceof java.time.LocalDate date) {
            return date.getYear();
        } else {
            year = value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
        }
        return year == 1900 ? 0 : year;
    }

    /** Binlog values are the stored bytes without trailing zeros; defaults come from the DDL parser as text. */
    static Object toUuid(Object value) {
        if (!(value instanceof byte[] bytes)) {
            return value == null ? null : value.toString();
        }
        if (bytes.length > 16) {
            throw new IllegalArgumentException("a UUID value has " + bytes.length + " bytes; at most 16 are expected");
        }
        ByteBuffer padded = ByteBuffer.wrap(Arrays.copyOf(bytes, 16));
        return new UUID(padded.getLong(), padded.getLong()).toString();
    }

    private static Object toDouble(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Float f) {
            return Double.parseDouble(Float.toString(f));
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return Double.parseDouble(value.toString().trim());
    }
}
