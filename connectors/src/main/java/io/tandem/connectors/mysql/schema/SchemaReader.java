package io.tandem.connectors.mysql.schema;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceIndex;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads table structures from {@code information_schema}: one query each over TABLES, COLUMNS and STATISTICS for
 * all requested databases, so the cost does not grow with the number of round trips per table.
 *
 * <p>Only base tables are read (views, sequences and MariaDB system-versioned tables are not), and the table
 * filter decides which of them. Column defaults are normalised as {@link DefaultValues} describes.
 */
public final class SchemaReader {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaReader.class);

    private final ServerInfo server;

    public SchemaReader(ServerInfo server) {
        this.server = server;
    }

    /**
     * The base tables of {@code databases} that {@code include} accepts (called with database and table name),
     * sorted by {@link TableId}.
     */
    public List<SourceTable> readTables(Connection connection, Collection<String> databases,
                                        BiPredicate<String, String> include) throws SQLException {
        if (databases.isEmpty()) {
            return List.of();
        }
        Map<TableId, TableBuilder> tables = new LinkedHashMap<>();
        for (TableSize size : query(connection, databases)) {
            if (include.test(size.table().database(), size.table().table())) {
                tables.put(size.table(), new TableBuilder(size.table()));
            }
        }
        readColumns(connection, databases, tables);
        readIndexes(connection, databases, tables);
        return tables.values().stream().map(TableBuilder::build).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** Size estimates for the given tables; tables that no longer exist are absent from the result. */
    public Map<TableId, TableSize> readSizes(Connection connection, Collection<TableId> tables) throws SQLException {
        Set<TableId> wanted = new HashSet<>(tables);
        List<String> databases = wanted.stream().map(TableId::database).distinct().toList();
        Map<TableId, TableSize> sizes = new LinkedHashMap<>();
        if (databases.isEmpty()) {
            return sizes;
        }
        for (TableSize size : query(connection, databases)) {
            if (wanted.contains(size.table())) {
                sizes.put(size.table(), size);
            }
        }
        return sizes;
    }

    private List<TableSize> query(Connection connection, Collection<String> databases) throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, DATA_LENGTH FROM information_schema.TABLES"
                + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN (" + placeholders(databases.size()) + ")";
        List<TableSize> sizes = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, databases);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sizes.add(new TableSize(new TableId(rs.getString(1), rs.getString(2)), rs.getLong(3), rs.getLong(4)));
            }
        }
        return sizes;
    }

    private void readColumns(Connection connection, Collection<String> databases, Map<TableId, TableBuilder> tables)
            throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE,"
                + " COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION, CHARACTER_SET_NAME"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" + placeholders(databases.size()) + ")"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
        try (PreparedStatement statement = prepare(connection, sql, databases);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                TableBuilder table = tables.get(new TableId(rs.getString(1), rs.getString(2)));
                if (table != null) {
                    table.columns.add(column(rs));
                }
            }
        }
    }

    private SourceColumn column(ResultSet rs) throws SQLException {
        String columnType = rs.getString(4);
        String extra = rs.getString(8) == null ? "" : rs.getString(8);
        SourceColumn.Generated generated = generated(extra);
        String generation = generated == SourceColumn.Generated.NO ? null : rs.getString(9);
        // A generated column has no default; MariaDB may still report the text NULL for it.
        String defaultExpression = generated == SourceColumn.Generated.NO
                ? DefaultValues.normalize(server.flavor(), rs.getString(5), rs.getString(7), extra)
                : null;
        return new SourceColumn(
                rs.getString(3),
                columnType,
                "YES".equals(rs.getString(6)),
                defaultExpression,
                extra.toLowerCase(Locale.ROOT).contains("auto_increment"),
                generated,
                generation,
                rs.getString(10),
                EnumLabels.parse(columnType));
    }

    static SourceColumn.Generated generated(String extra) {
        String upper = extra.toUpperCase(Locale.ROOT);
        if (upper.contains("VIRTUAL GENERATED")) {
            return SourceColumn.Generated.VIRTUAL;
        }
        // MariaDB before 10.2 said PERSISTENT for STORED; MySQL's DEFAULT_GENERATED is not a generated column.
        if (upper.contains("STORED GENERATED") || upper.contains("PERSISTENT GENERATED")) {
            return SourceColumn.Generated.STORED;
        }
        return SourceColumn.Generated.NO;
    }

    private void readIndexes(Connection connection, Collection<String> databases, Map<TableId, TableBuilder> tables)
            throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE"
                + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (" + placeholders(databases.size()) + ")"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
        try (PreparedStatement statement = prepare(connection, sql, databases);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                TableBuilder table = tables.get(new TableId(rs.getString(1), rs.getString(2)));
                if (table != null) {
                    table.indexPart(rs.getString(3), rs.getInt(4) == 0, rs.getString(5), rs.getInt(6), rs.getString(7));
                }
            }
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Collection<String> databases)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        int i = 1;
        for (String database : databases) {
            statement.setString(i++, database);
        }
        return statement;
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /** Collects one table's rows from the three queries. */
    private static final class TableBuilder {
        private final TableId id;
        private final List<SourceColumn> columns = new ArrayList<>();
        private final Map<String, IndexBuilder> indexes = new LinkedHashMap<>();

        TableBuilder(TableId id) {
            this.id = id;
        }

        void indexPart(String name, boolean unique, String column, int prefix, String kind) {
            IndexBuilder index = indexes.computeIfAbsent(name, n -> new IndexBuilder(n, unique, kind));
            if (column == null) {
                index.expression = true; // MySQL 8 functional key part: no column to name
            } else {
                index.columns.add(column);
                index.prefixes.add(prefix);
            }
        }

        SourceTable build() {
            List<String> primaryKey = List.of();
            List<SourceIndex> secondary = new ArrayList<>();
            for (IndexBuilder index : indexes.values()) {
                if (index.expression) {
                    LOG.warn("Index {} on {} has expression key parts; tandem does not carry it over", index.name, id);
                } else if (index.name.equals("PRIMARY")) {
                    primaryKey = index.columns;
                } else {
                    secondary.add(new SourceIndex(index.name, index.unique, index.columns, index.prefixes, index.kind));
                }
            }
            return new SourceTable(id, columns, primaryKey, secondary);
        }
    }

    private static final class IndexBuilder {
        private final String name;
        private final boolean unique;
        private final String kind;
        private final List<String> columns = new ArrayList<>();
        private final List<Integer> prefixes = new ArrayList<>();
        private boolean expression;

        IndexBuilder(String name, boolean unique, String kind) {
            this.name = name;
            this.unique = unique;
            this.kind = kind;
        }
    }
}
