package io.tandem.connectors.mysql.snapshot;

import io.tandem.engine.transform.ByteaText;
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

    /** DATE or DATETIME as text; PostgreSQL takes both forms as they are, unless a part is zero. */
    static String date(ResultSet rs, int index) throws SQLException {
        String value = rs.getString(index);
        if (value != null && PgText.hasZeroPart(value)) {
            throw new RejectedValue(RejectedValue.Reason.ZERO_DATE, value);
        }
        return value;
    }

    /** TIMESTAMP as text in the session time zone, which {@code SourceConnections} sets to UTC. */
    static String utcTimestamp(ResultSet rs, int index) throws SQLException {
        String value = date(rs, index);
        return value == null ? null : value + "+00";
    }

    static String text(ResultSet rs, int index) throws SQLException {
        String value = rs.getString(index);
        if (value != null && PgText.hasNul(value)) {
            throw new RejectedValue(RejectedValue.Reason.NUL_IN_TEXT, value);
        }
        return value;
    }

    static String bytes(ResultSet rs, int index) throws SQLException {
        byte[] value = rs.getBytes(index);
        return value == null ? null : ByteaText.of(value);
    }

    static String json(ResultSet rs, int index) throws SQLException {
        String value = rs.getString(index);
        if (value != null && PgText.hasJsonNul(value)) {
            throw new RejectedValue(RejectedValue.Reason.NUL_IN_JSON, value);
        }
        return value;
    }
}
