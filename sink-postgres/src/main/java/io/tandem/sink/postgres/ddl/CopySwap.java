package io.tandem.sink.postgres.ddl;

import static io.tandem.sink.postgres.sql.SqlIdentifiers.qualified;
import static io.tandem.sink.postgres.sql.SqlIdentifiers.quote;

import io.tandem.engine.change.SwapInCopy;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a re-copied table in place of the one it replaces, inside the caller's transaction: drop the old table, move
 * the copy out of its staging schema (its indexes, constraints and identity sequence move with it, under the names
 * they were created with), and give it what the old table had beyond its definition: membership of the way back's
 * publications and its replica identity. Readers of the table wait for the commit at most, and then see the copy.
 */
public final class CopySwap {

    /** {@code dependent_objects_still_exist}: a view or another object refers to the table being dropped. */
    private static final String DEPENDENT_OBJECTS = "2BP01";

    private static final String PUBLICATIONS = "SELECT p.pubname FROM pg_catalog.pg_publication_rel r"
            + " JOIN pg_catalog.pg_publication p ON p.oid = r.prpubid WHERE r.prrelid = to_regclass(?)";
    private static final String REPLICA_IDENTITY = "SELECT relreplident FROM pg_catalog.pg_class"
            + " WHERE oid = to_regclass(?)";

    private CopySwap() {
    }

    public static void swap(Connection connection, SwapInCopy swap) throws FailedStatement {
        TargetTable old = swap.replaced();
        TargetTable copy = swap.copied();
        String name = copy.displayName();
        try {
            List<String> publications = old == null ? List.of() : publications(connection, old);
            boolean fullIdentity = old != null && "f".equals(replicaIdentity(connection, old));
            try (Statement statement = connection.createStatement()) {
                if (old != null) {
                    statement.execute(TableDdl.dropTable(old));
                }
                statement.execute(TableDdl.createSchema(copy));
                statement.execute("ALTER TABLE " + qualified(swap.resync().stagingSchema(), copy.name())
                        + " SET SCHEMA " + quote(copy.schema()));
                statement.execute("DROP SCHEMA " + quote(swap.resync().stagingSchema()));
                if (fullIdentity) {
                    statement.execute("ALTER TABLE " + qualified(copy) + " REPLICA IDENTITY FULL");
                }
                for (String publication : publications) {
                    statement.execute("ALTER PUBLICATION " + quote(publication) + " ADD TABLE " + qualified(copy));
                }
            }
        } catch (SQLException e) {
            if (DEPENDENT_OBJECTS.equals(e.getSQLState())) {
                throw new FailedStatement("replace " + name + " by its re-copy (other objects, such "
                        + "as views, depend on it; drop them, let the resync finish, and create them again)", name, e);
            }
            throw new FailedStatement("replace by its re-copy", name, e);
        }
    }

    private static List<String> publications(Connection connection, TargetTable table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(PUBLICATIONS)) {
            query.setString(1, qualified(table));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static String replicaIdentity(Connection connection, TargetTable table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(REPLICA_IDENTITY)) {
            query.setString(1, qualified(table));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
