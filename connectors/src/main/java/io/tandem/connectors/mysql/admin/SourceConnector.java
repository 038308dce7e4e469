package io.tandem.connectors.mysql.admin;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new autocommit connection to the source, e.g. {@code SourceConnections::open}. */
@FunctionalInterface
public interface SourceConnector {

    Connection open() throws SQLException;
}
