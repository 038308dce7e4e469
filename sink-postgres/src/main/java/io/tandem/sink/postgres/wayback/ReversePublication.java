package io.tandem.sink.postgres.wayback;

import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publication the reverse slot streams ({@code tandem_reverse} by default): {@code FOR TABLE} every replicated
 * table plus the two reverse control tables, publishing inserts, updates, deletes and truncates (CUTOVER.md §7 P4;
 * the connector runs with {@code publication.autocreate.mode=disabled}, so this is the only place it is made).
 *
 * <p>{@link #ensure} is idempotent: it creates the publication, or makes an existing one match with one
 * {@code ALTER PUBLICATION … SET TABLE}, which also clears row filters, column lists and schema entries (PG ≥ 15)
 * that would hide rows from the way back. A {@code FOR ALL TABLES} publication of that name is refused rather than
 * dropped: someone else made it.
 */
public final class ReversePublication {

    private static final Logger LOG = LoggerFactory.getLogger(ReversePublication.class);

    public static final String DEFAULT_NAME = "tandem_reverse";
    private static final String PUBLISH = "insert, update, delete, truncate";

    private static final String PUBLICATION = "SELECT puballtables, pubinsert AND pubupdate AND pubdelete"
            + " AND pubtruncate FROM pg_publication WHERE pubname = ?";
    private static final String MEMBERS = "SELECT n.nspname, c.relname FROM pg_publication p"
            + " JOIN pg_publication_rel r ON r.prpubid = p.oid JOIN pg_class c ON c.oid = r.prrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE p.pubname = ?";
    /** Row filters and column lists (PG ≥ 15) publish less than the whole table; schema entries more. */
    private static final String NARROWED = "SELECT EXISTS (SELECT 1 FROM pg_publication_rel r"
            + " JOIN pg_publication p ON p.oid = r.prpubid WHERE p.pubname = ?"
            + " AND (r.prqual IS NOT NULL OR r.prattrs IS NOT NULL))"
            + " OR EXISTS (SELECT 1 FROM pg_publication_namespace s JOIN pg_publication p ON p.oid = s.pnpubid"
            + " WHERE p.pubname = ?)";

    /** What {@link #ensure} did; all empty and false when the publication already matched. */
    public record Change(boolean created, List<PublishedTable> added, List<PublishedTable> removed,
                         boolean narrowingCleared, boolean operationsReset) {

        public boolean changed() {
            return created || !added.isEmpty() || !removed.isEmpty() || narrowingCleared || operationsReset;
        }
    }

    private final String name;

    public ReversePublication(String name) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("publication name is empty");
        }
    }

    public String name() {
        return name;
    }

    /** The replicated tables plus the reverse control tables, sorted, without duplicates. */
    public static List<PublishedTable> tablesFor(Collection<TargetTable> replicated) {
        TreeSet<PublishedTable> tables = new TreeSet<>(ReverseControlTables.tables());
        replicated.forEach(table -> tables.add(PublishedTable.of(table)));
        return List.copyOf(tables);
    }

    /**
     * Makes the publication publish exactly {@code tables} (see {@link #tablesFor}), every operation. Runs in the
     * caller's transaction; the caller commits. Needs ownership of the tables (the sink's login owns them).
     */
    public Change ensure(Connection connection, List<PublishedTable> tables) throws SQLException {
        TreeSet<PublishedTable> wanted = new TreeSet<>(tables);
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("a publication without tables would stream nothing");
        }
        Boolean allOperations = null;
        try (PreparedStatement select = connection.prepareStatement(PUBLICATION)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    if (row.getBoolean(1)) {
                        throw new IllegalStateException("publication " + name + " exists FOR ALL TABLES; tandem "
                                + "publishes only the replicated tables: drop it or choose another name");
                    }
                    allOperations = row.getBoolean(2);
                }
            }
        }
        if (allOperations == null) {
            execute(connection, "CREATE PUBLICATION " + SqlIdentifiers.quote(name) + " FOR TABLE " + list(wanted)
                    + " WITH (publish = '" + PUBLISH + "')");
            LOG.info("created publication {} for {} tables", name, wanted.size());
            return new Change(true, List.copyOf(wanted), List.of(), false, false);
        }
        TreeSet<PublishedTable> present = members(connection);
        List<PublishedTable> added = wanted.stream().filter(t -> !present.contains(t)).toList();
        List<PublishedTable> removed = present.stream().filter(t -> !wanted.contains(t)).toList();
        boolean narrowed = narrowed(connection);
        if (!added.isEmpty() || !removed.isEmpty() || narrowed) {
            execute(connection, "ALTER PUBLICATION " + SqlIdentifiers.quote(name) + " SET TABLE " + list(wanted));
            LOG.info("publication {}: added {}, removed {}{}", name, added, removed,
                    narrowed ? ", row filters / column lists / schema entries cleared" : "");
        }
        if (!allOperations) {
            execute(connection, "ALTER PUBLICATION " + SqlIdentifiers.quote(name)
                    + " SET (publish = '" + PUBLISH + "')");
            LOG.info("publication {} now publishes {}", name, PUBLISH);
        }
        return new Change(false, added, removed, narrowed, !allOperations);
    }

    /** The tables the publication lists explicitly; empty when it does not exist. */
    public TreeSet<PublishedTable> members(Connection connection) throws SQLException {
        TreeSet<PublishedTable> members = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(MEMBERS)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    members.add(new PublishedTable(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return members;
    }

    /** Drops the publication if it exists (disarming). */
    public void drop(Connection connection) throws SQLException {
        execute(connection, "DROP PUBLICATION IF EXISTS " + SqlIdentifiers.quote(name));
    }

    private boolean narrowed(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() < 15) {
            return false; // neither row filters, column lists nor schema publications exist before 15
        }
        try (PreparedStatement select = connection.prepareStatement(NARROWED)) {
            select.setString(1, name);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static String list(Collection<PublishedTable> tables) {
        return tables.stream().map(PublishedTable::quoted).collect(Collectors.joining(", "));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public String toString() {
        return "publication " + name;
    }
}
