package io.tandem.demo.servers;

/**
 * A PostgreSQL server with {@code wal_level=logical}. The admin user serves the engine as well.
 * {@link #createDatabase(String)} creates a whole PostgreSQL database; source database {@code db}
 * then maps to schema {@code db} inside it.
 */
public interface TargetServer extends DatabaseServer {

    /** The database that always exists and that administrative statements connect to. */
    String maintenanceDatabase();
}
