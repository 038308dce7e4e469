package io.tandem.connectors.mysql.check;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Column types that Debezium 3.5's DDL parser cannot read: MariaDB's {@code INET4} and {@code INET6}. When streaming
 * starts the connector parses the definition of every table in the replicated databases (excluded tables too) and
 * stops at the first it cannot parse, so one such column anywhere in them would stop replication only after the
 * whole snapshot was copied. Checked up front instead. Debezium 3.6.1 changes nothing here: its MariaDB grammar
 * ({@code MariaDBParser.g4}) and its MariaDB value converters are the same as 3.5's, with {@code UUID} as the only
 * MariaDB-specific type.
 */
final class UnparsableColumnTypes {

    static final String NAME = "column types";
    private static final int MAX_LISTED = 10;

    private UnparsableColumnTypes() {
    }

    static CheckResult check(ServerInfo server, Connection connection, List<String> databases) throws SQLException {
        if (!server.isMariaDb() || databases.isEmpty()) {
            return CheckResult.pass(NAME, "no column type the binlog reader cannot parse");
        }
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE DATA_TYPE IN ('inet4', 'inet6') AND TABLE_SCHEMA IN ("
                + String.join(", ", Collections.nCopies(databases.size(), "?")) + ")"
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < databases.size(); i++) {
                query.setString(i + 1, databases.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + "." + rows.getString(2) + "." + rows.getString(3)
                            + " (" + rows.getString(4) + ")");
                }
            }
        }
        if (columns.isEmpty()) {
            return CheckResult.pass(NAME, "no column type the binlog reader cannot parse");
        }
        String listed = String.join(", ", columns.subList(0, Math.min(MAX_LISTED, columns.size())))
                + (columns.size() > MAX_LISTED ? " and " + (columns.size() - MAX_LISTED) + " more" : "");
        return CheckResult.fail(NAME, "Debezium 3.5 cannot parse MariaDB's INET4/INET6 in a table definition and "
                + "would stop streaming at start, for excluded tables too: " + listed + ". Fix: change each column "
                + "to VARCHAR(39) (VARCHAR(15) for INET4), or move its table to a database tandem does not replicate.");
    }
}
