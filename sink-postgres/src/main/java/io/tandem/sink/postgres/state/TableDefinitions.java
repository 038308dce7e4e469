package io.tandem.sink.postgres.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tandem.tables}: the definition tandem writes each replicated table with, keyed by its source table. It is
 * written in the transaction that changes the target table (the creation, and every streamed DDL with the batch's
 * offset), so the stored definitions always match the committed position: a restart resumes decoding the binlog
 * with the definitions that were current at that position, not with today's source schema.
 */
public final class TableDefinitions {

    /** Records serialize by their components; unknown fields fail, so a stored definition never half-reads. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final String UPSERT = "INSERT INTO " + TandemSchema.TABLES
            + " (source_database, source_table, definition, updated_at) VALUES (?, ?, CAST(? AS jsonb), now())"
            + " ON CONFLICT (source_database, source_table) DO UPDATE"
            + " SET definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at";
    private static final String DELETE = "DELETE FROM " + TandemSchema.TABLES
            + " WHERE source_database = ? AND source_table = ?";
    private static final String SELECT_ONE = "SELECT definition FROM " + TandemSchema.TABLES
            + " WHERE source_database = ? AND source_table = ?";
    private static final String SELECT_ALL = "SELECT definition FROM " + TandemSchema.TABLES
            + " ORDER BY source_database, source_table";

    private TableDefinitions() {
    }

    /** Stores the table's definition under its source id, inside the caller's transaction. */
    public static void write(Connection connection, TargetTable table) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, table.source().database());
            upsert.setString(2, table.source().table());
            upsert.setString(3, toJson(table));
            upsert.executeUpdate();
        }
    }

    public static void delete(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, table.database());
            delete.setString(2, table.table());
            delete.executeUpdate();
        }
    }

    public static Optional<TargetTable> read(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setString(1, table.database());
            select.setString(2, table.table());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(fromJson(rows.getString(1))) : Optional.empty();
            }
        }
    }

    public static Map<TableId, TargetTable> readAll(Connection connection) throws SQLException {
        Map<TableId, TargetTable> tables = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_ALL);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                TargetTable table = fromJson(rows.getString(1));
                tables.put(table.source(), table);
            }
        }
        return tables;
    }

    static String toJson(TargetTable table) {
        try {
            return JSON.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the definition of " + table.displayName() + " as JSON", e);
        }
    }

    static TargetTable fromJson(String json) {
        try {
            return JSON.readValue(json, TargetTable.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored table definition is not readable: " + json, e);
        }
    }
}
