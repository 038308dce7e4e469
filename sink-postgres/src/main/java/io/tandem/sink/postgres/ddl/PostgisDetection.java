package io.tandem.sink.postgres.ddl;

import io.tandem.engine.transform.SpatialTarget;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Whether the target database has the PostGIS extension, and in which schema: its {@code geometry} type is then
 * written schema-qualified, so it resolves whatever the sessions' {@code search_path}. tandem does not install the
 * extension itself (that needs superuser or a trusted-extension grant, the DBA's call).
 */
public final class PostgisDetection {

    private static final String QUERY = "SELECT n.nspname FROM pg_extension e"
            + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'";

    private PostgisDetection() {
    }

    public static SpatialTarget detect(DataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(QUERY)) {
            SpatialTarget found = rows.next() ? SpatialTarget.postgis(SqlIdentifiers.quote(rows.getString(1)))
                    : SpatialTarget.BYTEA;
            connection.rollback();
            return found;
        } catch (SQLException e) {
            throw SinkFailures.of("look for the postgis extension", "the target database", null, e);
        }
    }
}
