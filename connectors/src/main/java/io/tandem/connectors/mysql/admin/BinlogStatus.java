package io.tandem.connectors.mysql.admin;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;

/**
 * The source's current end of the binary log, read after the freeze as the final position F that the drain waits
 * for (CUTOVER.md C2/C3). Read once the source is read-only, nothing can commit after it.
 *
 * <p>MariaDB: {@code SHOW BINLOG STATUS} (10.5.2 and later, {@code SHOW MASTER STATUS} before) and
 * {@code @@gtid_binlog_pos}. MySQL: {@code SHOW BINARY LOG STATUS} from 8.2 ({@code SHOW MASTER STATUS}, removed in
 * 8.4, before) and its {@code Executed_Gtid_Set} ({@code @@gtid_executed}). The MySQL path follows the reference
 * manual and is not tested here: no MySQL server is available to the test suite.
 *
 * @param gtidSet the GTID set of the same point; empty when the server does not use GTIDs
 */
public record BinlogStatus(BinlogPosition position, Optional<String> gtidSet) {

    public BinlogStatus {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(gtidSet, "gtidSet");
    }

    /** Needs {@code BINLOG MONITOR} (MariaDB) or {@code REPLICATION CLIENT} (MySQL). */
    public static BinlogStatus read(Connection connection, ServerInfo server) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String show = showStatement(server);
            BinlogPosition position;
            String gtids;
            try (ResultSet rs = statement.executeQuery(show)) {
                if (!rs.next() || rs.getString("File") == null) {
                    throw new SQLException("the source answers " + show + " with no binlog file: binary logging is"
                            + " off. Fix: set log_bin and server_id in the server config and restart it");
                }
                position = new BinlogPosition(rs.getString("File"), rs.getLong("Position"));
                gtids = server.isMariaDb() ? null : rs.getString("Executed_Gtid_Set");
            }
            if (server.isMariaDb()) {
                try (ResultSet rs = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
                    rs.next();
                    gtids = rs.getString(1);
                }
            }
            // MySQL prints long GTID sets over several lines.
            String set = gtids == null ? "" : gtids.replace("\n", "").strip();
            return new BinlogStatus(position, set.isEmpty() ? Optional.empty() : Optional.of(set));
        }
    }

    static String showStatement(ServerInfo server) {
        if (server.isMariaDb()) {
            return server.atLeast(10, 5) ? "SHOW BINLOG STATUS" : "SHOW MASTER STATUS";
        }
        return server.atLeast(8, 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }

    @Override
    public String toString() {
        return position + gtidSet.map(g -> " gtids=" + g).orElse("");
    }
}
