package io.tandem.converters;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import io.debezium.time.Date;
import io.debezium.time.MicroTimestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Keeps zero dates of NOT NULL {@code DATE} and {@code DATETIME} columns recognisable. Debezium 3.5's binlog
 * reader turns a date with a zero year, month or day into null, and its value converter then writes the column's
 * default or 1970-01-01 in its place for a NOT NULL column, which tandem could not tell from a real 1970-01-01.
 * This converter takes the reader's value before that: a null in a NOT NULL column can only be a zero date, and it
 * becomes {@link #ZERO_DATE_DAYS} or {@link #ZERO_DATE_MICROS}, outside MySQL's range (years 1000–9999), which
 * the value renderer hands to the zero-date policy.
 *
 * <p>Other values keep Debezium's own representation ({@code io.debezium.time.Date} days,
 * {@code io.debezium.time.MicroTimestamp} microseconds for every DATETIME precision, which tandem renders the same
 * as milliseconds). A nullable column is left to Debezium: there a zero date is a null like any NULL, and cannot be
 * told apart (see README, "Values PostgreSQL cannot hold"). The binlog does tell them apart (a NULL is a bit in the
 * row's null bitmap and has no value; a zero date is a value), but the binlog client leaves a NULL's slot null
 * and Debezium's row deserializer ({@code RowDeserializers.deserializeDate}, {@code deserializeDatetime(V2)})
 * returns null for a zero year, month or day, so every converter receives the same null. Those deserializers are
 * built by the streaming source that the connector's task creates in its start-up code; no option or converter can
 * replace them (only a copy of that start-up code could). Debezium 3.6.1 is the same (its
 * {@code ZeroDateFallbackConverter} also sees only that null), and there a zero {@code TIMESTAMP} becomes null
 * too, where 3.5 gives the epoch.
 */
public class ZeroDatesConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    /** A NOT NULL DATE that held a zero or partial-zero date. */
    public static final int ZERO_DATE_DAYS = Integer.MIN_VALUE;
    /** A NOT NULL DATETIME that held a zero or partial-zero date. */
    public static final long ZERO_DATE_MICROS = Long.MIN_VALUE;

    @Override
    public void configure(Properties properties) {
        // No options.
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        if (column.isOptional()) {
            return;
        }
        String type = column.typeName() == null ? "" : column.typeName().toUpperCase(Locale.ROOT);
        switch (type) {
            case "DATE" -> registration.register(Date.builder().optional(), ZeroDatesConverter::toEpochDay);
            case "DATETIME" -> registration.register(MicroTimestamp.builder().optional(), ZeroDatesConverter::toMicros);
            default -> {
                // TIMESTAMP keeps Debezium's conversion: its zero value arrives as the epoch, which no MySQL
                // TIMESTAMP can hold, so it stays recognisable.
            }
        }
    }

    /** Binlog values are {@link LocalDate}s (null for a zero date); defaults come from the DDL parser. */
    static Object toEpochDay(Object value) {
        if (value == null) {
            return ZERO_DATE_DAYS;
        }
        if (value instanceof LocalDate date) {
            return (int) date.toEpochDay();
        }
        if (value instanceof java.sql.Date date) {
            return (int) date.toLocalDate().toEpochDay();
        }
        if (value instanceof LocalDateTime time) {
            return (int) time.toLocalDate().toEpochDay();
        }
        if (value instanceof Number days) {
            return days.intValue();
        }
        LocalDate parsed = parseDate(value.toString());
        return parsed == null ? ZERO_DATE_DAYS : (int) parsed.toEpochDay();
    }

    /** Binlog values are {@link LocalDateTime}s (null for a zero date); defaults come from the DDL parser. */
    static Object toMicros(Object value) {
        if (value == null) {
            return ZERO_DATE_MICROS;
        }
        if (value instanceof LocalDateTime time) {
            return micros(time);
        }
        if (value instanceof java.sql.Timestamp time) {
            return micros(time.toLocalDateTime());
        }
        if (value instanceof LocalDate date) {
            return micros(date.atStartOfDay());
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        String text = value.toString().trim().replace(' ', 'T');
        LocalDate date = parseDate(text.length() >= 10 ? text.substring(0, 10) : text);
        if (date == null) {
            return ZERO_DATE_MICROS;
        }
        try {
            return micros(LocalDateTime.parse(text.length() == 10 ? text + "T00:00:00" : text));
        } catch (DateTimeParseException e) {
            // A default such as CURRENT_TIMESTAMP has no fixed value; tandem never uses Debezium's defaults.
            return null;
        }
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            // '0000-00-00' and '2024-00-15' do not parse: a zero date.
            return null;
        }
    }

    private static long micros(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + time.get(ChronoField.MICRO_OF_SECOND);
    }
}
