package io.tandem.sink.postgres.wayback;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new autocommit connection to the target database, owned and closed by the caller. The classes of this
 * package open their own connections where a session property matters (a waiting slot creation, an untagged
 * heartbeat), so they take this rather than a connection.
 */
@FunctionalInterface
public interface TargetConnector {

    Connection open() throws SQLException;
}
