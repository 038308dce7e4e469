package io.tandem.connectors.mysql.stream;

import io.debezium.data.Bits;
import io.debezium.data.Enum;
import io.debezium.data.EnumSet;
import io.debezium.data.Json;
import io.debezium.data.Uuid;
import io.debezium.data.geometry.Geometry;
import io.debezium.data.geometry.Point;
import io.debezium.time.Date;
import io.debezium.time.MicroTime;
import io.debezium.time.MicroTimestamp;
import io.debezium.time.Timestamp;
import io.debezium.time.Year;
import io.debezium.time.ZonedTimestamp;
import io.tandem.converters.ZeroDatesConverter;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ByteaText;
import io.tandem.engine.transform.Ewkb;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.ValueKind;
import io.tandem.engine.values.RowPolicies;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.OffsetDateTime;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Chooses, once per column and Connect schema, how a value becomes the column's {@link ValueKind} text. The
 * choice depends on the Connect type and semantic name Debezium gives the column (with tandem's connector options:
 * precise decimals and unsigned bigints, adaptive microsecond temporals, raw bytes) and on the kind the mapper
 * chose. A pair that has no exact rendering fails here, naming the column, before any value is converted.
 */
public final class ValueRenderers {

    /** What is known of a zero date that reached tandem only as Debezium's null. */
    static final String COLLAPSED_ZERO_DATE = "a zero or partial-zero date (the binlog decoder does not pass on which)";

    private ValueRenderers() {
    }

    /** @param policies applies the value policies; shared by the columns of one row layout */
    public static ValueRenderer forColumn(TableId table, TargetColumn column, Schema schema, RowPolicies policies) {
        ValueKind kind = column.kind();
        String name = schema.name();
        if (name != null) {
            ValueRenderer named = forSemanticType(table, column, schema, name, kind, policies);
            if (named != null) {
                return named;
            }
            throw mismatch(table, column, schema);
        }
        ValueRenderer plain = forPlainType(table, column, schema, kind, policies);
        if (plain == null) {
            throw mismatch(table, column, schema);
        }
        return plain;
    }

    private static ValueRenderer forSemanticType(TableId table, TargetColumn column, Schema schema, String name,
                                                 ValueKind kind, RowPolicies policies) {
        switch (name) {
            case Decimal.LOGICAL_NAME:
                // Precise mode: DECIMAL and BIGINT UNSIGNED both arrive as BigDecimal with the column's scale.
                return kind == ValueKind.DECIMAL || kind == ValueKind.INTEGER
                        ? v -> ((BigDecimal) v).toPlainString() : null;
            case Bits.LOGICAL_NAME:
                if (kind == ValueKind.BITS) {
                    int width = Integer.parseInt(schema.parameters().get(Bits.LENGTH_FIELD));
                    return v -> PgText.bits(PgText.bytes(v), width);
                }
                return kind == ValueKind.BYTES ? v -> ByteaText.of(PgText.bytes(v)) : null;
            case Date.SCHEMA_NAME:
                return kind == ValueKind.DATE ? v -> ((Number) v).intValue() == ZeroDatesConverter.ZERO_DATE_DAYS
                        ? collapsedZeroDate(column, policies) : PgText.date(((Number) v).longValue()) : null;
            case Timestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMP ? v -> PgText.wallTimeMillis(((Number) v).longValue()) : null;
            case MicroTimestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMP ? v -> ((Number) v).longValue() == ZeroDatesConverter.ZERO_DATE_MICROS
                        ? collapsedZeroDate(column, policies) : PgText.wallTimeMicros(((Number) v).longValue()) : null;
            case ZonedTimestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMPTZ ? v -> zonedTimestamp(column, (String) v, policies) : null;
            case MicroTime.SCHEMA_NAME:
                return kind == ValueKind.INTERVAL ? v -> PgText.elapsed(((Number) v).longValue()) : null;
            case Year.SCHEMA_NAME:
                return kind == ValueKind.INTEGER ? Object::toString : null;
            case Enum.LOGICAL_NAME:
            case EnumSet.LOGICAL_NAME:
                if (kind != ValueKind.TEXT) {
                    return null;
                }
                ValueRenderer text = text(column, policies);
                return v -> text.render(enumLabels((String) v));
            case Json.LOGICAL_NAME:
            case Uuid.LOGICAL_NAME:
                return kind == ValueKind.TEXT || kind == ValueKind.JSON ? text(column, policies) : null;
            case Geometry.LOGICAL_NAME:
            case Point.LOGICAL_NAME:
                return kind == ValueKind.BYTES ? ValueRenderers::mysqlGeometry
                        : kind == ValueKind.GEOMETRY ? ValueRenderers::postgisGeometry : null;
            default:
                return null;
        }
    }

    private static ValueRenderer forPlainType(TableId table, TargetColumn column, Schema schema, ValueKind kind,
                                              RowPolicies policies) {
        switch (schema.type()) {
            case INT8, INT16, INT32, INT64:
                if (kind == ValueKind.INTEGER || kind == ValueKind.DECIMAL) {
                    return Object::toString;
                }
                return kind == ValueKind.BOOLEAN ? v -> zeroOrOneAsBoolean(table, column, (Number) v) : null;
            case FLOAT32:
                return kind == ValueKind.FLOAT ? v -> Float.toString((Float) v) : null;
            case FLOAT64:
                return kind == ValueKind.FLOAT ? v -> Double.toString((Double) v) : null;
            case BOOLEAN:
                // BIT(1) streams as BOOLEAN; a column mapped to an integer or bit(1) keeps its 1/0 meaning.
                return switch (kind) {
                    case BOOLEAN -> v -> (Boolean) v ? "t" : "f";
                    case INTEGER, BITS -> v -> (Boolean) v ? "1" : "0";
                    default -> null;
                };
            case STRING:
                return kind == ValueKind.TEXT || kind == ValueKind.JSON ? text(column, policies) : null;
            case BYTES:
                return kind == ValueKind.BYTES ? v -> ByteaText.of(PgText.bytes(v)) : null;
            default:
                return null;
        }
    }

    /**
     * The ENUM label or SET members as MySQL shows them. Debezium takes labels from {@code SHOW CREATE TABLE}, which
     * doubles each backslash, and then puts a backslash before each comma (for its own list syntax); neither is
     * undone before the label becomes the value. Removing the one backslash before each comma or backslash,
     * left to right, restores the label exactly. (A 4-byte character in a label is already lost on MariaDB, whose
     * {@code SHOW CREATE TABLE} prints it as {@code ?}.)
     */
    static String enumLabels(String debezium) {
        if (debezium.indexOf('\\') < 0) {
            return debezium;
        }
        StringBuilder label = new StringBuilder(debezium.length());
        for (int i = 0; i < debezium.length(); i++) {
            char c = debezium.charAt(i);
            char next = i + 1 < debezium.length() ? debezium.charAt(i + 1) : 0;
            if (c == '\\' && (next == ',' || next == '\\')) {
                c = next;
                i++;
            }
            label.append(c);
        }
        return label.toString();
    }

    /** PostgreSQL text and jsonb cannot hold U+0000; the NUL policy decides. */
    private static ValueRenderer text(TargetColumn column, RowPolicies policies) {
        String name = column.sourceName();
        return column.kind() == ValueKind.JSON
                ? v -> policies.json(name, (String) v)
                : v -> policies.text(name, (String) v);
    }

    /**
     * A zero date Debezium reduced to null in a NOT NULL column ({@link ZeroDatesConverter}); which zero date it
     * was is lost on the way.
     */
    private static String collapsedZeroDate(TargetColumn column, RowPolicies policies) {
        return policies.zeroDate(column.sourceName(), column.nullable(), COLLAPSED_ZERO_DATE);
    }

    /** A zero TIMESTAMP arrives as the epoch, which no MySQL TIMESTAMP can hold (they start one second later). */
    private static String zonedTimestamp(TargetColumn column, String iso, RowPolicies policies) {
        OffsetDateTime time = OffsetDateTime.parse(iso);
        if (time.toEpochSecond() == 0 && time.getNano() == 0) {
            return policies.zeroDate(column.sourceName(), column.nullable(), "0000-00-00 00:00:00");
        }
        return PgText.instant(iso);
    }

    private static String zeroOrOneAsBoolean(TableId table, TargetColumn column, Number value) {
        long n = value.longValue();
        if (n == 0 || n == 1) {
            return n == 1 ? "t" : "f";
        }
        throw new ValueDecodingException("column " + table + "." + column.sourceName() + " is mapped to boolean but "
                + "holds " + n + "; only 0 and 1 are exact");
    }

    /** The same geometry as PostGIS EWKB: the SRID moves into the WKB's header. */
    private static String postgisGeometry(Object value) {
        Struct geometry = (Struct) value;
        Integer srid = geometry.getInt32(Geometry.SRID_FIELD);
        return Ewkb.hex(Ewkb.of(srid == null ? 0 : srid, PgText.bytes(geometry.get(Geometry.WKB_FIELD))));
    }

    /**
     * MySQL's internal geometry format, which the snapshot reads: a 4-byte little-endian SRID, then the WKB.
     * Debezium splits the two and turns SRID 0 into null.
     */
    private static String mysqlGeometry(Object value) {
        Struct geometry = (Struct) value;
        byte[] wkb = PgText.bytes(geometry.get(Geometry.WKB_FIELD));
        Integer srid = geometry.getInt32(Geometry.SRID_FIELD);
        byte[] internal = ByteBuffer.allocate(4 + wkb.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(srid == null ? 0 : srid).put(wkb).array();
        return ByteaText.of(internal);
    }

    private static IllegalStateException mismatch(TableId table, TargetColumn column, Schema schema) {
        String debezium = schema.type() + (schema.name() == null ? "" : " " + schema.name());
        return new IllegalStateException("column " + table + "." + column.sourceName() + ": Debezium delivers "
                + debezium + ", which has no exact rendering as " + column.kind() + " (" + column.pgType() + ")");
    }
}
