package io.tandem.testkit;

import io.tandem.demo.servers.Sakila;
import io.tandem.demo.servers.SourceServer;
import java.sql.SQLException;

/** Data shared by the test classes of this JVM; loaded once because Sakila takes seconds. */
public final class Fixtures {

    private static String sakila;

    private Fixtures() {
    }

    /** The name of a source database holding Sakila. Tests must not change it. */
    public static synchronized String sakila() throws SQLException {
        if (sakila == null) {
            SourceServer source = TestServers.source();
            String database = source.createDatabase("sakila");
            Sakila.load(source, database);
            sakila = database;
        }
        return sakila;
    }
}
