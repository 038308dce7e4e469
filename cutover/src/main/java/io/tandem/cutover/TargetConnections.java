package io.tandem.cutover;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the target (PostgreSQL) for the cutover's own statements; the caller closes it. */
@FunctionalInterface
public interface TargetConnections {

    Connection open() throws SQLException;
}
