package io.tandem.sink.postgres.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** How earlier versions ended an index name they shortened: {@code _} and a hex {@code String.hashCode}. */
    private static final Pattern OLD_HASH_SUFFIX = Pattern.compile("_[0-9a-f]{1,8}$");

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
            JsonNode definition = JSON.readTree(json);
            if (definition instanceof ObjectNode object) {
                addIndexSourceNames(object);
            }
            return JSON.treeToValue(definition, TargetTable.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored table definition is not readable: " + json, e);
        }
    }

    /**
     * Definitions stored before indexes recorded their source name named every index {@code <table>_<index>}
     * (shortened with a hash past 63 bytes): the source name is what follows the table name. A hashed one cannot be
     * read back, and guessing would let a later {@code DROP INDEX} miss it, so that table has to be copied again.
     */
    private static void addIndexSourceNames(ObjectNode definition) {
        JsonNode indexes = definition.path("indexes");
        String table = definition.path("source").path("table").asText();
        for (JsonNode node : indexes) {
            if (node instanceof ObjectNode index && !index.has("sourceName")) {
                String name = index.path("name").asText();
                boolean maybeShortened = name.getBytes(StandardCharsets.UTF_8).length > 55
                        && OLD_HASH_SUFFIX.matcher(name).find();
                if (!name.startsWith(table + "_") || maybeShortened) {
                    throw new IllegalStateException("the stored definition of " + definition.path("source")
                            + " (in " + TandemSchema.TABLES + ", written by an earlier tandem) has index " + name
                            + ", whose source name cannot be recovered; copy the table again: delete its rows in "
                            + TandemSchema.TABLES + " and " + TandemSchema.SNAPSHOT_TABLES + " and restart");
                }
                index.put("sourceName", name.substring(table.length() + 1));
            }
        }
    }
}
