package io.tandem.engine.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code db.table} pattern with {@code *} (any run of characters) and {@code ?} (one character).
 * The database and table halves are matched separately, so {@code *} never spans the dot.
 * Matching is case-sensitive, like MySQL on Linux with the default {@code lower_case_table_names=0}.
 */
public final class TablePattern {
    private final String text;
    private final Pattern database;
    private final Pattern table;

    private TablePattern(String text, String database, String table) {
        this.text = text;
        this.database = glob(database);
        this.table = glob(table);
    }

    /** Parses {@code db.table}; the exception message says how to fix a malformed pattern. */
    public static TablePattern parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("must be a db.table pattern, e.g. shop.orders or shop.order_*");
        }
        return new TablePattern(text, text.substring(0, dot), text.substring(dot + 1));
    }

    public boolean matches(String db, String tableName) {
        return database.matcher(db).matches() && table.matcher(tableName).matches();
    }

    /** Whether the database half could select tables in {@code db}; used to catch patterns that match nothing. */
    boolean coversDatabase(String db) {
        return database.matcher(db).matches();
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TablePattern other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
