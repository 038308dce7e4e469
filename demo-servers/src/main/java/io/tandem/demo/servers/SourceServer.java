package io.tandem.demo.servers;

/**
 * A MySQL or MariaDB server with row-based binary logging switched on, and a non-root account with
 * exactly the privileges the replication engine needs.
 */
public interface SourceServer extends DatabaseServer {

    /** Detected from {@code SELECT VERSION()} when the server was first reached. */
    Flavor flavor();

    /** The account the engine connects with; created when the server was first reached. */
    String engineUser();

    String enginePassword();
}
