package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spatial columns become PostGIS {@code geometry} when the target database has the extension: copied and streamed
 * values arrive with their SRID, read back as EWKT. Needs a target with PostGIS available (e.g. Debian's
 * {@code postgresql-15-postgis-3}, named by {@code TANDEM_TEST_TARGET_*}); the embedded PostgreSQL has none, so the
 * test is skipped there, and the bytea encoding is covered by the type suite instead.
 */
class PostgisReplicationTest {

    private static final String TABLE = "CREATE TABLE geo (id INT PRIMARY KEY, p POINT NULL, g GEOMETRY NULL)";

    @Test
    void spatialValuesArriveAsGeometryWithTheirSrid(@TempDir Path directory) throws Exception {
        SourceFixture fixture = SourceFixture.withoutSakila("postgis");
        assumeTrue(createPostgis(fixture), "the target has no PostGIS extension available");
        fixture.onSource(TABLE,
                "INSERT INTO geo VALUES (1, ST_GeomFromText('POINT(1 2)', 3857), ST_GeomFromText('LINESTRING(0 0,1 1)'))",
                "INSERT INTO geo VALUES (2, NULL, ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))'))");
        try (Daemon daemon = Daemon.start(TandemConfig.load(fixture.writeConfig(directory, "")), line -> { }, 60_000)) {
            InetSocketAddress control = daemon.control().address();
            Await.until("the pipeline to stream", Duration.ofMinutes(2), () -> new ObjectMapper()
                    .readTree(ControlHttp.get(control, "/status")).get("phase").asText().equals("STREAMING"));
            assertEquals(List.of(List.of("p", "geometry"), List.of("g", "geometry")), fixture.targetRows(
                    "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = '"
                            + fixture.database + "' AND table_name = 'geo' AND column_name <> 'id' ORDER BY ordinal_position"));
            assertEquals(List.of(
                    List.of("1", "SRID=3857;POINT(1 2)", "LINESTRING(0 0,1 1)"),
                    List.of("2", "null", "POLYGON((0 0,1 0,1 1,0 0))")), rows(fixture));

            fixture.onSource(
                    "INSERT INTO geo VALUES (3, ST_GeomFromText('POINT(-1.5 2.25)', 3857),"
                            + " ST_GeomFromText('MULTIPOINT(1 2,3 4)', 3857))",
                    "UPDATE geo SET g = ST_GeomFromText('POINT(5 6)') WHERE id = 1",
                    "DELETE FROM geo WHERE id = 2",
                    "INSERT INTO geo VALUES (4, NULL, NULL)");
            Await.until("the streamed rows to arrive", Duration.ofMinutes(1),
                    () -> fixture.targetQueryLong("SELECT count(*) FROM \"" + fixture.database + "\".geo WHERE id = 4") == 1);
            assertEquals(List.of(
                    List.of("1", "SRID=3857;POINT(1 2)", "POINT(5 6)"),
                    List.of("3", "SRID=3857;POINT(-1.5 2.25)", "SRID=3857;MULTIPOINT(1 2,3 4)"),
                    List.of("4", "null", "null")), rows(fixture));
        }
    }

    private static boolean createPostgis(SourceFixture fixture) {
        try (Connection connection = fixture.target.connect(fixture.targetDatabase);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static List<List<String>> rows(SourceFixture fixture) throws SQLException {
        return fixture.targetRows("SELECT id, ST_AsEWKT(p), ST_AsEWKT(g) FROM \"" + fixture.database + "\".geo ORDER BY id");
    }
}
