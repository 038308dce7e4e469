package io.tandem.demo.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sakila sample database (schema, ~47,000 rows, views, triggers, routines), shipped gzipped in
 * this jar; see {@code sakila/NOTICE} for its origin and licence.
 */
public final class Sakila {

    /** Rows per table after a load, for checks in tests and the demo. */
    public static final Map<String, Long> ROW_COUNTS = Map.ofEntries(
            Map.entry("actor", 200L), Map.entry("address", 603L), Map.entry("category", 16L),
            Map.entry("city", 600L), Map.entry("country", 109L), Map.entry("customer", 599L),
            Map.entry("film", 1000L), Map.entry("film_actor", 5462L), Map.entry("film_category", 1000L),
            Map.entry("film_text", 1000L), Map.entry("inventory", 4581L), Map.entry("language", 6L),
            Map.entry("payment", 16049L), Map.entry("rental", 16044L), Map.entry("staff", 2L),
            Map.entry("store", 2L));

    private static final Logger LOG = LoggerFactory.getLogger(Sakila.class);
    private static final String SCRIPT_NAME = "sakila";
    private static final Pattern DATABASE_STATEMENT =
            Pattern.compile("(DROP SCHEMA IF EXISTS|CREATE SCHEMA|USE)\\s+" + SCRIPT_NAME, Pattern.CASE_INSENSITIVE);
    /** The view {@code actor_info} names its tables as {@code sakila.film} and so on. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b" + SCRIPT_NAME + "\\.", Pattern.CASE_INSENSITIVE);

    private Sakila() {
    }

    /** Loads Sakila into {@code database} on {@code server}, replacing that database if it exists. */
    public static void load(SourceServer server, String database) throws SQLException {
        try (Connection connection = server.connect("")) {
            load(connection, database);
        }
    }

    /**
     * Loads Sakila into {@code database} over {@code connection}, replacing that database if it
     * exists. The scripts name the database {@code sakila}; the statements that create, drop, select
     * ({@code USE}) or qualify it are rewritten to the given name, nothing else. The connection's
     * autocommit mode is restored afterwards; its current database is {@code database}.
     */
    public static void load(Connection connection, String database) throws SQLException {
        if (database.contains("`")) {
            throw new IllegalArgumentException("database name must not contain a backtick: " + database);
        }
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        UnaryOperator<String> rename = sql -> rename(sql, database);
        int statements = run(connection, "sakila-schema.sql.gz", rename) + run(connection, "sakila-data.sql.gz", rename);
        // The data script switches autocommit off (SET AUTOCOMMIT=0) and leaves it so.
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        connection.setAutoCommit(autoCommit);
        LOG.info("Loaded Sakila into {} ({} statements) in {} ms", database, statements, (System.nanoTime() - started) / 1_000_000);
    }

    static String rename(String sql, String database) {
        String quoted = "`" + database + "`";
        Matcher whole = DATABASE_STATEMENT.matcher(sql.strip());
        if (whole.matches()) {
            return whole.group(1).toUpperCase(Locale.ROOT) + " " + quoted;
        }
        if (sql.regionMatches(true, 0, "CREATE", 0, "CREATE".length())) {
            return QUALIFIED_NAME.matcher(sql).replaceAll(Matcher.quoteReplacement(quoted + "."));
        }
        return sql;
    }

    private static int run(Connection connection, String resource, UnaryOperator<String> rename) throws SQLException {
        try (InputStream compressed = Sakila.class.getResourceAsStream("/sakila/" + resource)) {
            if (compressed == null) {
                throw new IllegalStateException("resource sakila/" + resource + " missing from the demo-servers jar");
            }
            try (Reader script = new InputStreamReader(new GZIPInputStream(compressed, 1 << 16), StandardCharsets.UTF_8)) {
                return SqlScript.run(connection, script, rename);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sakila/" + resource, e);
        }
    }
}
