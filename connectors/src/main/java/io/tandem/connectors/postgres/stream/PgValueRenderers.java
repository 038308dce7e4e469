package io.tandem.connectors.postgres.stream;

import io.debezium.connector.postgresql.PostgresValueConverter;
import io.debezium.data.Bits;
import io.debezium.data.Enum;
import io.debezium.data.Json;
import io.debezium.data.Uuid;
import io.debezium.data.geometry.Geometry;
import io.debezium.time.Date;
import io.debezium.time.Interval;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.ZonedTimestamp;
import io.tandem.connectors.debezium.ConnectValues;
import io.tandem.engine.transform.ByteaText;
import io.tandem.engine.transform.Ewkb;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TemporalText;
import io.tandem.engine.transform.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Chooses, once per column and Connect schema, how a value Debezium's PostgreSQL connector delivers becomes the
 * column's {@link ValueKind} text, the same text the forward stream writes for the same MySQL value (the shared
 * {@link TemporalText}, {@link ByteaText}, {@link ConnectValues}, {@code Float/Double.toString}). The connector
 * options behind the representations: decimals and intervals as strings, raw bytes, microsecond temporals.
 *
 * <p>Values the forward side can write under value policies but MySQL cannot hold ({@code infinity} dates,
 * {@code NaN}) come out in PostgreSQL's text; the MySQL side refuses them.
 */
final class PgValueRenderers {

    private static final long POSITIVE_INFINITY_DAY = PostgresValueConverter.POSITIVE_INFINITY_LOCAL_DATE.toEpochDay();
    private static final long NEGATIVE_INFINITY_DAY = PostgresValueConverter.NEGATIVE_INFINITY_LOCAL_DATE.toEpochDay();
    private static final long POSITIVE_INFINITY_MICROS = epochMicros(PostgresValueConverter.POSITIVE_INFINITY_INSTANT);
    private static final long NEGATIVE_INFINITY_MICROS = epochMicros(PostgresValueConverter.NEGATIVE_INFINITY_INSTANT);

    private PgValueRenderers() {
    }

    /** @throws IllegalStateException when the representation has no exact rendering as the column's kind */
    static Function<Object, String> forColumn(String relation, TargetColumn column, Schema schema) {
        ValueKind kind = column.kind();
        Function<Object, String> renderer = schema.name() != null
                ? forSemanticType(schema, kind) : forPlainType(schema, kind);
        if (renderer == null) {
            String debezium = schema.type() + (schema.name() == null ? "" : " " + schema.name());
            throw new IllegalStateException("column " + relation + "." + column.name() + ": Debezium delivers "
                    + debezium + ", which has no exact rendering as " + kind + " (" + column.pgType() + ")");
        }
        return renderer;
    }

    private static Function<Object, String> forSemanticType(Schema schema, ValueKind kind) {
        switch (schema.name()) {
            case Bits.LOGICAL_NAME:
                int width = Integer.parseInt(schema.parameters().get(Bits.LENGTH_FIELD));
                return kind == ValueKind.BITS ? v -> ConnectValues.bits(ConnectValues.bytes(v), width) : null;
            case Date.SCHEMA_NAME:
                return kind == ValueKind.DATE ? v -> date(((Number) v).longValue()) : null;
            case MicroTimestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMP ? v -> wallTime(((Number) v).longValue()) : null;
            case ZonedTimestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMPTZ ? v -> instant((String) v) : null;
            case Interval.SCHEMA_NAME:
                return kind == ValueKind.INTERVAL ? v -> IsoInterval.parse((String) v).text() : null;
            case Json.LOGICAL_NAME:
            case Uuid.LOGICAL_NAME:
            case Enum.LOGICAL_NAME:
                return kind == ValueKind.TEXT || kind == ValueKind.JSON ? v -> (String) v : null;
            case Geometry.LOGICAL_NAME:
                return kind == ValueKind.GEOMETRY ? PgValueRenderers::geometry : null;
            default:
                return null;
        }
    }

    private static Function<Object, String> forPlainType(Schema schema, ValueKind kind) {
        switch (schema.type()) {
            case INT16, INT32, INT64:
                return kind == ValueKind.INTEGER || kind == ValueKind.DECIMAL ? Object::toString : null;
            case FLOAT32:
                return kind == ValueKind.FLOAT ? v -> Float.toString((Float) v) : null;
            case FLOAT64:
                return kind == ValueKind.FLOAT ? v -> Double.toString((Double) v) : null;
            case BOOLEAN:
                // bit(1) streams as BOOLEAN too; a column of kind BITS keeps its 1/0 meaning.
                return switch (kind) {
                    case BOOLEAN -> v -> (Boolean) v ? "t" : "f";
                    case BITS -> v -> (Boolean) v ? "1" : "0";
                    default -> null;
                };
            case STRING:
                // numeric arrives as text (decimal.handling.mode=string), including numeric(20,0) for BIGINT UNSIGNED.
                return switch (kind) {
                    case DECIMAL, INTEGER -> v -> decimal((String) v);
                    case TEXT, JSON -> v -> (String) v;
                    default -> null;
                };
            case BYTES:
                return kind == ValueKind.BYTES ? v -> ByteaText.of(ConnectValues.bytes(v)) : null;
            default:
                return null;
        }
    }

    /**
     * Plain notation; {@code NaN} and the infinities as PostgreSQL spells them (Debezium's string mode writes its
     * own names for them, {@code SpecialValueDecimal.SpecialValue}).
     */
    static String decimal(String text) {
        return switch (text) {
            case "NAN" -> "NaN";
            case "POSITIVE_INFINITY" -> "Infinity";
            case "NEGATIVE_INFINITY" -> "-Infinity";
            default -> new BigDecimal(text).toPlainString();
        };
    }

    static String date(long epochDay) {
        if (epochDay == POSITIVE_INFINITY_DAY) {
            return "infinity";
        }
        return epochDay == NEGATIVE_INFINITY_DAY ? "-infinity" : TemporalText.date(epochDay);
    }

    static String wallTime(long micros) {
        if (micros == POSITIVE_INFINITY_MICROS) {
            return "infinity";
        }
        return micros == NEGATIVE_INFINITY_MICROS ? "-infinity" : TemporalText.wallTimeMicros(micros);
    }

    /** Debezium sends ISO-8601 in UTC, or {@code infinity}/{@code -infinity} verbatim. */
    static String instant(String iso) {
        if ("infinity".equals(iso) || "-infinity".equals(iso)) {
            return iso;
        }
        return TemporalText.instant(OffsetDateTime.parse(iso));
    }

    private static String geometry(Object value) {
        Struct geometry = (Struct) value;
        Integer srid = geometry.getInt32(Geometry.SRID_FIELD);
        return Ewkb.hex(Ewkb.of(srid == null ? 0 : srid, ConnectValues.bytes(geometry.get(Geometry.WKB_FIELD))));
    }

    private static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }
}
