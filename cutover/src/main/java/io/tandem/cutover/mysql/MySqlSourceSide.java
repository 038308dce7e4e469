package io.tandem.cutover.mysql;

import io.tandem.connectors.mysql.admin.SourceFence;
import io.tandem.connectors.mysql.admin.SourceFreeze;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.cutover.SourceSide;
import java.sql.SQLException;

/**
 * The cutover's source side on MySQL or MariaDB, through the cutover's admin login: {@code read_only} and the
 * application accounts ({@link SourceFreeze}), the fence token written by that login (it may write while the source
 * is read-only: READ ONLY ADMIN on MariaDB, SUPER or CONNECTION_ADMIN on MySQL), then on MySQL
 * {@code super_read_only} so that no privileged account writes after the fence either.
 */
public final class MySqlSourceSide implements SourceSide {

    private final SourceFreeze freeze;
    private final SourceFence adminFence;
    private final ServerInfo server;

    /** @param adminFence writes with the admin login, not the replication one (which read_only stops) */
    public MySqlSourceSide(SourceFreeze freeze, SourceFence adminFence, ServerInfo server) {
        this.freeze = freeze;
        this.adminFence = adminFence;
        this.server = server;
    }

    @Override
    public void freeze() throws SQLException {
        freeze.freeze();
    }

    @Override
    public void unfreeze() throws SQLException {
        freeze.unfreeze();
    }

    @Override
    public String writeFence(String token) throws SQLException {
        adminFence.write(token);
        if (!server.isMariaDb()) {
            freeze.setSuperReadOnly(true); // untested here: no MySQL 8 server on this machine
        }
        return logEnd();
    }

    @Override
    public String writtenAfterFence(String fencePosition) throws SQLException {
        String end = logEnd();
        return end.equals(fencePosition) ? null : "the source's log end moved from " + fencePosition + " to " + end;
    }

    /** The binlog file and position; the GTID set is left out, as the position alone moves with every write. */
    private String logEnd() throws SQLException {
        return freeze.finalPosition().position().toString();
    }
}
