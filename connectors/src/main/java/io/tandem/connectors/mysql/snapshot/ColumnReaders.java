package io.tandem.connectors.mysql.snapshot;

import io.tandem.engine.transform.ByteaText;
import io.tandem.engine.transform.Ewkb;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.values.RowPolicies;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@link ColumnReader}s; {@link SelectedColumn} says which query expression each one expects. */
final class ColumnReaders {

    private ColumnReaders() {
    }

    /** FLOAT selected as {@code c * 1e0}: the double is exactly the stored float, so narrowing is exact too. */
    static String real(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : Float.toString((float) value);
    }

    static String doublePrecision(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : Double.toString(value);
    }

    /** BIT(1): the server sends one byte. */
    static String bitBoolean(ResultSet rs, int index) throws SQLException {
        byte[] bytes = rs.getBytes(index);
        if (bytes == null) {
            return null;
        }
        for (byte b : bytes) {
            if (b != 0) {
                return "t";
            }
        }
        return "f";
    }

    /** A numeric column mapped to boolean: zero is false, anything else true (MySQL's own rule). */
    static String numberBoolean(ResultSet rs, int index) throws SQLException {
        String value = rs.getString(index);
        if (value == null) {
            return null;
        }
        return new BigDecimal(value).signum() == 0 ? "f" : "t";
    }

    static ColumnReader bits(int width) {
        return (rs, index) -> {
            byte[] bytes = rs.getBytes(index);
            return bytes == null ? null : PgText.bits(bytes, width);
        };
    }

    /**
     * DATE or DATETIME as text; PostgreSQL takes both forms as they are, unless a part is zero, which the zero-date
     * policy decides.
     */
    static ColumnReader date(RowPolicies policies, TargetColumn column) {
        return (rs, index) -> {
            String value = rs.getString(index);
            return value != null && PgText.hasZeroPart(value)
                    ? policies.zeroDate(column.sourceName(), column.nullable(), value) : value;
        };
    }

    /** TIMESTAMP as text in the session time zone, which {@code SourceConnections} sets to UTC. */
    static ColumnReader utcTimestamp(RowPolicies policies, TargetColumn column) {
        return (rs, index) -> {
            String value = rs.getString(index);
            if (value == null) {
                return null;
            }
            return PgText.hasZeroPart(value)
                    ? policies.zeroDate(column.sourceName(), column.nullable(), value) : value + "+00";
        };
    }

    static ColumnReader text(RowPolicies policies, TargetColumn column) {
        return (rs, index) -> {
            String value = rs.getString(index);
            return value == null ? null : policies.text(column.sourceName(), value);
        };
    }

    static String bytes(ResultSet rs, int index) throws SQLException {
        byte[] value = rs.getBytes(index);
        return value == null ? null : ByteaText.of(value);
    }

    /** A spatial value, read in MySQL's internal format (SRID, then WKB), as PostGIS EWKB. */
    static String geometry(ResultSet rs, int index) throws SQLException {
        byte[] value = rs.getBytes(index);
        return value == null ? null : Ewkb.hex(Ewkb.fromMySqlInternal(value));
    }

    static ColumnReader json(RowPolicies policies, TargetColumn column) {
        return (rs, index) -> {
            String value = rs.getString(index);
            return value == null ? null : policies.json(column.sourceName(), value);
        };
    }
}
