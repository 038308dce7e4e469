package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.values.ValuePolicies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Source rows exactly as the snapshot copy would write them (same SELECT expressions, same readers, same value
 * policies), read a key range or a key list at a time, for comparing the target with what it should hold.
 *
 * <p>Alongside each rendered row comes the row's primary key as the source holds it ("raw": text, or bytes for
 * binary columns), so the next range can be asked for in the source's own index order with values the source
 * compares exactly as it stored them. Rows the value policies would dead-letter come without values: the copy does
 * not write them either.
 */
public final class CopiedRows {

    /**
     * Receives one row: values aligned with the target table's columns, or null for a row the copy would not write
     * (a value policy dead-letters it), and the raw key (null for tables without a key), so a range walk still
     * moves past such a row.
     */
    @FunctionalInterface
    public interface RowConsumer {
        void row(String[] values, Object[] rawKey) throws SQLException;
    }

    private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob", "bit");
    private static final SourcePosition NO_POSITION = new SourcePosition(Map.of(), Map.of(), "verification");

    private final SourceTable source;
    private final RowReader reader;
    private final List<String> key;
    private final boolean[] binaryKey;
    private final String selectFrom;
    private final String orderBy;

    public CopiedRows(SourceTable source, TargetTable target, ValuePolicies policies) {
        if (!source.hasPrimaryKey()) {
            throw new IllegalArgumentException(source.id() + " has no primary key; read it with readAll");
        }
        this.source = source;
        this.reader = new RowReader(source, target, policies);
        this.key = source.primaryKey();
        this.binaryKey = new boolean[key.size()];
        StringJoiner rawKey = new StringJoiner(", ");
        StringJoiner order = new StringJoiner(", ");
        for (int i = 0; i < key.size(); i++) {
            String column = key.get(i);
            String type = source.columns().get(source.columnIndex(column)).columnType();
            binaryKey[i] = BINARY_TYPES.contains(SelectedColumn.baseType(type));
            rawKey.add(MySqlNames.quote(column));
            order.add(MySqlNames.quote(column));
        }
        this.selectFrom = "SELECT " + reader.selectList() + ", " + rawKey + " FROM " + MySqlNames.quote(source.id());
        this.orderBy = " ORDER BY " + order;
    }

    /** For a table without a primary key: every row, no raw key. */
    public static void readAll(Connection connection, Flavor flavor, SourceTable source, TargetTable target,
                               ValuePolicies policies, int fetchRows, RowConsumer consumer) throws SQLException {
        RowReader reader = new RowReader(source, target, policies);
        try (Statement statement = SourceConnections.streamingStatement(connection, flavor, fetchRows);
             ResultSet rs = statement.executeQuery(reader.sql())) {
            long ordinal = 0;
            while (rs.next()) {
                String[] row = reader.read(rs, ++ordinal);
                consumer.row(deadLettered(reader.policyApplied(rs, NO_POSITION)) ? null : row, null);
            }
        }
    }

    /**
     * Starts a read-only snapshot transaction on the connection (no lock on MariaDB; on MySQL a FLUSH TABLES WITH
     * READ LOCK for the instant of starting it, bounded by {@code lockWaitTimeout}) and returns the binlog position
     * it is consistent with, as {@code file}/{@code pos} (and {@code gtids}).
     */
    public static Map<String, String> beginSnapshot(Connection connection, ServerInfo server, Duration lockWaitTimeout)
            throws SQLException {
        return ConsistentSnapshot.begin(connection, server, lockWaitTimeout);
    }

    public static void endSnapshot(Connection connection) throws SQLException {
        ConsistentSnapshot.end(connection);
    }

    /**
     * Reads up to {@code limit} rows whose key follows {@code after} and is at most {@code upTo} in the primary
     * key's order, in that order.
     *
     * @param after the exclusive lower bound (raw key), or null to start at the first row
     * @param upTo the inclusive upper bound (raw key), or null for none
     * @return how many rows were read, dead-lettered ones included, so a short read means the range's end
     */
    public int readRange(Connection connection, Object[] after, Object[] upTo, int limit, RowConsumer consumer)
            throws SQLException {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        if (after != null) {
            where.add(afterPredicate());
        }
        if (upTo != null) {
            where.add("NOT " + afterPredicate());
        }
        try (PreparedStatement select = connection.prepareStatement(selectFrom + where + orderBy + " LIMIT ?")) {
            int parameter = 1;
            if (after != null) {
                parameter = bindAfter(select, parameter, after);
            }
            if (upTo != null) {
                parameter = bindAfter(select, parameter, upTo);
            }
            select.setInt(parameter, limit);
            return consume(select, consumer);
        }
    }

    /**
     * Reads the rows whose key equals one of {@code keys} under the source's own collation (so a case-insensitive
     * key also returns the rows that differ only in case; the caller compares exactly).
     *
     * @param keys each key's columns as text the source can compare with its column
     */
    public void readKeys(Connection connection, List<String[]> keys, RowConsumer consumer) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        key.forEach(c -> {
            tuple.add("?");
            columns.add(MySqlNames.quote(c));
        });
        StringJoiner list = new StringJoiner(", ", "(", ")");
        keys.forEach(k -> list.add(tuple.toString()));
        try (PreparedStatement select = connection.prepareStatement(selectFrom + " WHERE " + columns + " IN " + list)) {
            int parameter = 1;
            for (String[] k : keys) {
                for (String value : k) {
                    select.setString(parameter++, value);
                }
            }
            consume(select, consumer);
        }
    }

    public List<String> keyColumns() {
        return key;
    }

    private int consume(PreparedStatement select, RowConsumer consumer) throws SQLException {
        int rows = 0;
        int width = reader.selectedColumns();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows++;
                String[] values = reader.read(rs, rows);
                Object[] raw = new Object[key.size()];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = binaryKey[i] ? rs.getBytes(width + 1 + i) : rs.getString(width + 1 + i);
                }
                consumer.row(deadLettered(reader.policyApplied(rs, NO_POSITION)) ? null : values, raw);
            }
        }
        return rows;
    }

    /** {@code (a > ?) OR (a = ? AND b > ?) OR …}: the row-constructor order, in a form every version indexes. */
    private String afterPredicate() {
        StringJoiner any = new StringJoiner(" OR ");
        for (int i = 0; i < key.size(); i++) {
            StringJoiner all = new StringJoiner(" AND ", "(", ")");
            for (int j = 0; j < i; j++) {
                all.add(MySqlNames.quote(key.get(j)) + " = ?");
            }
            all.add(MySqlNames.quote(key.get(i)) + " > ?");
            any.add(all.toString());
        }
        return "(" + any + ")";
    }

    private int bindAfter(PreparedStatement select, int first, Object[] after) throws SQLException {
        int parameter = first;
        for (int i = 0; i < key.size(); i++) {
            for (int j = 0; j <= i; j++) {
                if (after[j] instanceof byte[] bytes) {
                    select.setBytes(parameter++, bytes);
                } else {
                    select.setString(parameter++, (String) after[j]);
                }
            }
        }
        return parameter;
    }

    private static boolean deadLettered(PolicyApplied applied) {
        return applied != null && applied.deadLettered();
    }

    @Override
    public String toString() {
        return "rows of " + source.id() + " as copied (key " + String.join(", ", key) + ")";
    }
}
