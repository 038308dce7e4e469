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
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ByteaText;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.ValueKind;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Chooses, once per column and Connect schema, how a value becomes the column's {@link ValueKind} text. The
 * choice depends on the Connect type and semantic name Debezium gives the column (with tandem's connector options:
 * precise decimals and unsigned bigints, adaptive microsecond temporals, raw bytes) and on the kind the mapper
 * chose. A pair that has no exact rendering fails here, naming the column, before any value is converted.
 */
final class ValueRenderers {

    private ValueRenderers() {
    }

    static ValueRenderer forColumn(TableId table, TargetColumn column, Schema schema) {
        ValueKind kind = column.kind();
        String name = schema.name();
        if (name != null) {
            ValueRenderer named = forSemanticType(table, column, schema, name, kind);
            if (named != null) {
                return named;
            }
            throw mismatch(table, column, schema);
        }
        ValueRenderer plain = forPlainType(table, column, schema, kind);
        if (plain == null) {
            throw mismatch(table, column, schema);
        }
        return plain;
    }

    private static ValueRenderer forSemanticType(TableId table, TargetColumn column, Schema schema, String name,
                                                 ValueKind kind) {
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
                return kind == ValueKind.DATE ? v -> PgText.date(((Number) v).longValue()) : null;
            case Timestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMP ? v -> PgText.wallTimeMillis(((Number) v).longValue()) : null;
            case MicroTimestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMP ? v -> PgText.wallTimeMicros(((Number) v).longValue()) : null;
            case ZonedTimestamp.SCHEMA_NAME:
                return kind == ValueKind.TIMESTAMPTZ ? v -> PgText.instant((String) v) : null;
            case MicroTime.SCHEMA_NAME:
                return kind == ValueKind.INTERVAL ? v -> PgText.elapsed(((Number) v).longValue()) : null;
            case Year.SCHEMA_NAME:
                return kind == ValueKind.INTEGER ? Object::toString : null;
            case Enum.LOGICAL_NAME:
            case EnumSet.LOGICAL_NAME:
                if (kind != ValueKind.TEXT) {
                    return null;
                }
                ValueRenderer text = text(table, column);
                return v -> text.render(enumLabels((String) v));
            case Json.LOGICAL_NAME:
            case Uuid.LOGICAL_NAME:
                return kind == ValueKind.TEXT || kind == ValueKind.JSON ? text(table, column) : null;
            case Geometry.LOGICAL_NAME:
            case Point.LOGICAL_NAME:
                return kind == ValueKind.BYTES ? ValueRenderers::mysqlGeometry : null;
            default:
                return null;
        }
    }

    private static ValueRenderer forPlainType(TableId table, TargetColumn column, Schema schema, ValueKind kind) {
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
                return kind == ValueKind.TEXT || kind == ValueKind.JSON ? text(table, column) : null;
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

    /** PostgreSQL text cannot hold U+0000; failing names the column instead of a COPY error later. */
    private static ValueRenderer text(TableId table, TargetColumn column) {
        return v -> {
            String text = (String) v;
            if (text.indexOf('\u0000') >= 0) {
                throw new ValueDecodingException("column " + table + "." + column.sourceName()
                        + " holds a NUL character (U+0000), which PostgreSQL text cannot store; map the column to "
                        + "bytea or remove the character on the source");
            }
            return text;
        };
    }

    private static String zeroOrOneAsBoolean(TableId table, TargetColumn column, Number value) {
        long n = value.longValue();
        if (n == 0 || n == 1) {
            return n == 1 ? "t" : "f";
        }
        throw new ValueDecodingException("column " + table + "." + column.sourceName() + " is mapped to boolean but "
                + "holds " + n + "; only 0 and 1 are exact");
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
