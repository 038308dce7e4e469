package io.tandem.testkit.compare;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares source databases with their PostgreSQL copies row by row: source table {@code db.t}
 * against the table and columns tandem recorded for it in {@code tandem.identifiers} (schema {@code db}, table
 * {@code t}, same column names when the target has no such record).
 *
 * <p>Each table is read once on each side, streamed (server-side cursors), both sides sorted the
 * same way (see {@link CanonicalOrder}) and merged; every value is first brought into a canonical
 * form ({@link ValueKind}). Each side reads inside one REPEATABLE READ transaction, so all tables
 * come from one snapshot per side. Base tables only: views, routines and triggers are not data.
 */
public final class RowComparator {

    /** How many differing rows per table a report shows by default. */
    public static final int DEFAULT_MAX_EXAMPLES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(RowComparator.class);
    private static final int FETCH_SIZE = 1_000;
    /** MySQL sorts strings by their first max_sort_length bytes only (1024 by default); 8 MiB is the maximum. */
    private static final long SORT_BUFFER_BYTES = 256L * 1024 * 1024;
    private static final long MAX_SORT_LENGTH = 8L * 1024 * 1024;

    private final SourceServer source;
    private final TargetServer target;
    private final String targetDatabase;
    private final int maxExamples;

    /** @param targetDatabase the PostgreSQL database holding one schema per source database */
    public RowComparator(SourceServer source, TargetServer target, String targetDatabase) {
        this(source, target, targetDatabase, DEFAULT_MAX_EXAMPLES);
    }

    private RowComparator(SourceServer source, TargetServer target, String targetDatabase, int maxExamples) {
        this.source = source;
        this.target = target;
        this.targetDatabase = targetDatabase;
        this.maxExamples = maxExamples;
    }

    /** A comparator that keeps up to {@code maxExamples} differing rows per table. */
    public RowComparator withMaxExamples(int maxExamples) {
        if (maxExamples < 0) {
            throw new IllegalArgumentException("maxExamples must not be negative: " + maxExamples);
        }
        return new RowComparator(source, target, targetDatabase, maxExamples);
    }

    /** Compares every base table of {@code database}; tables in the report are named as in the database. */
    public ComparisonReport compare(String database) throws SQLException {
        return run(List.of(database), (schema, table) -> table);
    }

    /** Compares several databases in one snapshot per side; tables in the report are named {@code database.table}. */
    public ComparisonReport compareAll(String... databases) throws SQLException {
        return run(List.of(databases), (schema, table) -> schema + "." + table);
    }

    private ComparisonReport run(List<String> databases, BinaryOperator<String> reportName) throws SQLException {
        List<TableComparison> tables = new ArrayList<>();
        try (Connection sourceConnection = openSource(); Connection targetConnection = openTarget()) {
            TargetNaming names = TargetNaming.read(targetConnection);
            for (String database : databases) {
                for (String table : allTables(sourceConnection, targetConnection, database, names)) {
                    tables.add(compareTable(sourceConnection, targetConnection, names, database, table,
                            reportName.apply(database, table)));
                }
            }
            targetConnection.rollback();
            sourceConnection.rollback();
        }
        ComparisonReport report = new ComparisonReport(tables);
        LOG.info("Compared {}: {}", databases, report.isEqual() ? "equal" : report.differences().size() + " tables differ");
        return report;
    }

    private Connection openSource() throws SQLException {
        Connection connection = source.connect("");
        try (Statement statement = connection.createStatement()) {
            // Keyless tables are ordered by every column, long texts included: with max_sort_length raised, the
            // default 2 MB sort buffer cannot hold even a few rows' sort keys.
            statement.execute("SET SESSION time_zone = '+00:00', SESSION max_sort_length = " + MAX_SORT_LENGTH
                    + ", SESSION sort_buffer_size = " + SORT_BUFFER_BYTES);
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setAutoCommit(false);
        return connection;
    }

    /** PostgreSQL streams with a cursor only outside autocommit. */
    private Connection openTarget() throws SQLException {
        Connection connection = target.connect(targetDatabase);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setAutoCommit(false);
        return connection;
    }

    private TableComparison compareTable(Connection sourceConnection, Connection targetConnection, TargetNaming names,
                                         String database, String table, String reportName) throws SQLException {
        TableComparison result = new TableComparison(reportName, maxExamples);
        String targetSchema = names.schema(database);
        String targetTable = names.table(database, table);
        boolean onSource = tableExists(sourceConnection, "information_schema.TABLES", "TABLE_SCHEMA", "TABLE_NAME", database, table);
        boolean onTarget = tableExists(targetConnection, "information_schema.tables", "table_schema", "table_name",
                targetSchema, targetTable);
        if (!onSource || !onTarget) {
            result.problem(onSource ? "table missing on target" : "table exists only on target");
            result.counted(onSource ? count(sourceConnection, MySqlSide.quote(database) + "." + MySqlSide.quote(table)) : 0,
                    onTarget ? count(targetConnection, PostgresSide.quote(targetSchema) + "." + PostgresSide.quote(targetTable)) : 0);
            return result;
        }
        TableShape shape = TableShape.read(sourceConnection, targetConnection, database, table, names);
        shape.missingOnTarget().forEach(column -> result.problem("column " + column + " missing on target"));
        shape.extraOnTarget().forEach(column -> result.problem("column " + column + " exists only on target"));
        try (Statement sourceQuery = streaming(sourceConnection);
             Statement targetQuery = streaming(targetConnection);
             ResultSet sourceRows = sourceQuery.executeQuery(sourceSelect(shape, database));
             ResultSet targetRows = targetQuery.executeQuery(targetSelect(shape, names.schema(database),
                     names.table(database, table)))) {
            new TableMerge(shape, result).run(
                    new SortedRows(sourceRows, shape, MySqlSide::read, "source"),
                    new SortedRows(targetRows, shape, PostgresSide::read, "target"));
        }
        return result;
    }

    private static Statement streaming(Connection connection) throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    private static String sourceSelect(TableShape shape, String database) {
        return "SELECT " + shape.columns().stream().map(MySqlSide::selectExpression).collect(Collectors.joining(", "))
                + " FROM " + MySqlSide.quote(database) + "." + MySqlSide.quote(shape.table())
                + orderBy(shape, MySqlSide::orderExpression);
    }

    private static String targetSelect(TableShape shape, String schema, String table) {
        return "SELECT " + shape.columns().stream().map(PostgresSide::selectExpression).collect(Collectors.joining(", "))
                + " FROM " + PostgresSide.quote(schema) + "." + PostgresSide.quote(table)
                + orderBy(shape, PostgresSide::orderExpression);
    }

    private static String orderBy(TableShape shape, Function<Column, String> expression) {
        if (shape.orderIndexes().isEmpty()) {
            return "";
        }
        return " ORDER BY " + shape.orderIndexes().stream()
                .map(index -> expression.apply(shape.columns().get(index))).collect(Collectors.joining(", "));
    }

    /** Base tables of the source database and of its target schema (by their source names), in name order. */
    private static TreeSet<String> allTables(Connection sourceConnection, Connection targetConnection, String database,
                                             TargetNaming naming) throws SQLException {
        TreeSet<String> tables = new TreeSet<>();
        tables.addAll(names(sourceConnection, "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", database));
        for (String table : names(targetConnection, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_type = 'BASE TABLE'", naming.schema(database))) {
            tables.add(naming.sourceTable(database, table));
        }
        return tables;
    }

    private static boolean tableExists(Connection connection, String view, String schemaColumn, String tableColumn,
                                       String database, String table) throws SQLException {
        return !names(connection, "SELECT " + tableColumn + " FROM " + view + " WHERE " + schemaColumn + " = ? AND "
                + tableColumn + " = ?", database, table).isEmpty();
    }

    private static List<String> names(Connection connection, String sql, String... parameters) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static long count(Connection connection, String qualifiedTable) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + qualifiedTable)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
