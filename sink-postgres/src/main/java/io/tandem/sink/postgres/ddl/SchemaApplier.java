package io.tandem.sink.postgres.ddl;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.TableAlteration;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.sink.apply.FailedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies table DDL on a connection the caller owns, inside the caller's transaction (PostgreSQL DDL is
 * transactional, so a stream batch and its DDL commit or vanish together).
 */
public final class SchemaApplier {

    private static final String COLUMNS = "SELECT a.attname FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')"
            + " AND a.attnum > 0 AND NOT a.attisdropped";

    private static final String PRIMARY_KEY = "SELECT con.conname FROM pg_catalog.pg_constraint con"
            + " JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ? AND con.contype = 'p'";

    /**
     * An arbitrary advisory lock key. Several writers may create or alter tables at once (the tasks of a Kafka
     * Connect sink): {@code CREATE SCHEMA IF NOT EXISTS} and the existence check below race otherwise, and the
     * loser fails on a unique violation. Held until the batch's transaction ends.
     */
    private static final long DDL_LOCK = 0x74616e64656d64L;

    private SchemaApplier() {
    }

    /**
     * Creates the schema, the table and its indexes where absent. An existing table is kept when it has the same
     * column names (in any order); otherwise this fails naming the differences, because writing into a table of
     * another shape would fail later, or worse, succeed into the wrong columns.
     */
    public static void createTable(Connection connection, TargetTable table) throws FailedStatement {
        String name = table.displayName();
        execute(connection, "SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")", "lock table DDL", name);
        execute(connection, TableDdl.createSchema(table), "create schema", name);
        Optional<Set<String>> existing = existingColumns(connection, table);
        if (existing.isPresent()) {
            requireSameColumns(table, existing.get());
        } else {
            execute(connection, TableDdl.createTable(table), "create table", name);
        }
        for (String index : TableDdl.createIndexes(table)) {
            execute(connection, index, "create index", name);
        }
    }

    public static void dropTable(Connection connection, TargetTable table) throws FailedStatement {
        execute(connection, TableDdl.dropTable(table), "drop table", table.displayName());
    }

    /**
     * Runs the statements of a source {@code ALTER TABLE} ({@link AlterTableDdl}); the caller has written every
     * pending row change of the table before (a DDL barrier).
     */
    public static void alterTable(Connection connection, AlterTable change) throws FailedStatement {
        String name = change.before().displayName();
        execute(connection, "SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")", "lock table DDL", name);
        boolean dropsKey = change.steps().stream().anyMatch(step -> step instanceof TableAlteration.DropPrimaryKey);
        String key = dropsKey ? primaryKeyConstraint(connection, change.before()) : null;
        for (String statement : AlterTableDdl.render(change, key)) {
            execute(connection, statement, "alter table", name);
        }
    }

    public static void renameTable(Connection connection, RenameTable change) throws FailedStatement {
        for (String statement : TableDdl.renameTable(change.before(), change.after())) {
            execute(connection, statement, "rename table", change.before().displayName());
        }
    }

    public static void truncateTable(Connection connection, TargetTable table) throws FailedStatement {
        execute(connection, TableDdl.truncateTable(table), "truncate", table.displayName());
    }

    private static String primaryKeyConstraint(Connection connection, TargetTable table) throws FailedStatement {
        try (PreparedStatement query = connection.prepareStatement(PRIMARY_KEY)) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new FailedStatement("read primary key", table.displayName(), e);
        }
    }

    /** The table's column names, or empty when there is no such table. */
    static Optional<Set<String>> existingColumns(Connection connection, TargetTable table) throws FailedStatement {
        try (PreparedStatement query = connection.prepareStatement(COLUMNS)) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            Set<String> columns = new LinkedHashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            // A table always has at least one column here: tandem never creates one without.
            return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
        } catch (SQLException e) {
            throw new FailedStatement("read columns", table.displayName(), e);
        }
    }

    private static void requireSameColumns(TargetTable table, Set<String> existing) {
        Set<String> expected = new LinkedHashSet<>();
        for (TargetColumn column : table.columns()) {
            expected.add(column.name());
        }
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(existing);
        List<String> unexpected = new ArrayList<>(existing);
        unexpected.removeAll(expected);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new TableMismatchException(table.displayName(), missing, unexpected);
        }
    }

    private static void execute(Connection connection, String sql, String operation, String table)
            throws FailedStatement {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new FailedStatement(operation, table, e);
        }
    }
}
