package io.tandem.sink.postgres.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creates the {@code tandem} schema and its tables where absent. */
public final class TandemSchema {

    public static final String OFFSETS = "tandem.offsets";
    public static final String SCHEMA_HISTORY = "tandem.schema_history";
    public static final String SNAPSHOT_TABLES = "tandem.snapshot_tables";
    public static final String DEAD_LETTER = "tandem.dead_letter";
    public static final String TABLES = "tandem.tables";
    public static final String IDENTIFIERS = "tandem.identifiers";
    public static final String SKIPPED_DDL = "tandem.skipped_ddl";
    public static final String HEARTBEAT = "tandem.heartbeat";
    public static final String FENCE = "tandem.fence";
    public static final String RESYNC = "tandem.resync";

    /** An arbitrary advisory lock key, so two processes opening the same target at once do not race the DDL. */
    private static final long BOOTSTRAP_LOCK = 0x74616e64656dL;

    private static final List<String> DDL = List.of(
            "CREATE SCHEMA IF NOT EXISTS tandem",
            "CREATE TABLE IF NOT EXISTS " + OFFSETS + " ("
                    + " partition_key text PRIMARY KEY,"
                    + " source_offset jsonb NOT NULL,"
                    + " updated_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS " + SCHEMA_HISTORY + " ("
                    + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " record text NOT NULL,"
                    + " appended_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS " + SNAPSHOT_TABLES + " ("
                    + " source_database text NOT NULL,"
                    + " source_table text NOT NULL,"
                    + " source_position jsonb NOT NULL,"
                    + " rows_copied bigint NOT NULL,"
                    + " completed_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (source_database, source_table))",
            "CREATE TABLE IF NOT EXISTS " + DEAD_LETTER + " ("
                    + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " table_name text NOT NULL,"
                    + " source_table text NOT NULL,"
                    + " operation text NOT NULL,"
                    + " row_key text,"
                    + " reason text NOT NULL,"
                    + " source_position jsonb NOT NULL,"
                    + " position_description text NOT NULL,"
                    + " recorded_at timestamptz NOT NULL DEFAULT now())",
            // Added with value policies; a schema created by an earlier tandem gets them here.
            "ALTER TABLE " + DEAD_LETTER + " ADD COLUMN IF NOT EXISTS column_name text",
            "ALTER TABLE " + DEAD_LETTER + " ADD COLUMN IF NOT EXISTS original_value text",
            "CREATE TABLE IF NOT EXISTS " + TABLES + " ("
                    + " source_database text NOT NULL,"
                    + " source_table text NOT NULL,"
                    + " definition jsonb NOT NULL,"
                    + " updated_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (source_database, source_table))",
            // A view over the stored definitions rather than a table of its own: it commits with them by
            // construction (in the transaction of the DDL and the offset) and cannot drift from what tandem writes.
            "CREATE OR REPLACE VIEW " + IDENTIFIERS + " AS"
                    + " SELECT n.kind, n.source_database, n.source_table, n.source_name, n.target_schema,"
                    + " n.target_table, n.target_name,"
                    + " n.target_name = CASE n.kind WHEN 'index' THEN n.source_table || '_' || n.source_name"
                    + " ELSE n.source_name END AS verbatim"
                    + " FROM ("
                    + " SELECT DISTINCT 'schema' AS kind, t.source_database, NULL::text AS source_table,"
                    + " t.source_database AS source_name, t.definition->>'schema' AS target_schema,"
                    + " NULL::text AS target_table, t.definition->>'schema' AS target_name FROM " + TABLES + " t"
                    + " UNION ALL SELECT 'table', t.source_database, t.source_table, t.source_table,"
                    + " t.definition->>'schema', t.definition->>'name', t.definition->>'name' FROM " + TABLES + " t"
                    + " UNION ALL SELECT 'column', t.source_database, t.source_table, c->>'sourceName',"
                    + " t.definition->>'schema', t.definition->>'name', c->>'name'"
                    + " FROM " + TABLES + " t, jsonb_array_elements(t.definition->'columns') c"
                    + " UNION ALL SELECT 'index', t.source_database, t.source_table, i->>'sourceName',"
                    + " t.definition->>'schema', t.definition->>'name', i->>'name'"
                    + " FROM " + TABLES + " t, jsonb_array_elements(t.definition->'indexes') i) n",
            "CREATE TABLE IF NOT EXISTS " + SKIPPED_DDL + " ("
                    + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " source_table text NOT NULL,"
                    + " statement text NOT NULL,"
                    + " reason text NOT NULL,"
                    + " source_position jsonb NOT NULL,"
                    + " position_description text NOT NULL,"
                    + " recorded_at timestamptz NOT NULL DEFAULT now())",
            // Added with heartbeat lag and fences (IF NOT EXISTS migrates a schema made by an earlier tandem). Both
            // are written in the transaction of the batch that carries them, so they commit with its offset.
            // written_at is the writer's clock on the source in µs since the epoch, as the source row holds it.
            "CREATE TABLE IF NOT EXISTS " + HEARTBEAT + " ("
                    + " instance text PRIMARY KEY,"
                    + " seq bigint NOT NULL,"
                    + " written_at bigint NOT NULL,"
                    + " position_description text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS " + FENCE + " ("
                    + " token text PRIMARY KEY,"
                    + " position_description text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())",
            // Online re-copies of single tables (resync). At most one waiting for its copy per table; a copied one
            // may wait for its swap beside it (a statement after its copy position asked for another copy).
            "CREATE TABLE IF NOT EXISTS " + RESYNC + " ("
                    + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " source_database text NOT NULL,"
                    + " source_table text NOT NULL,"
                    + " reason text NOT NULL,"
                    + " phase text NOT NULL,"
                    + " copy_position jsonb,"
                    + " definition jsonb,"
                    + " rows_copied bigint NOT NULL DEFAULT 0,"
                    + " requested_at timestamptz NOT NULL DEFAULT now(),"
                    + " copied_at timestamptz,"
                    + " finished_at timestamptz)",
            "CREATE UNIQUE INDEX IF NOT EXISTS resync_requested ON " + RESYNC
                    + " (source_database, source_table) WHERE phase = 'REQUESTED'");

    private TandemSchema() {
    }

    /** Runs inside the caller's transaction; the caller commits. */
    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + BOOTSTRAP_LOCK + ")");
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        }
    }
}
