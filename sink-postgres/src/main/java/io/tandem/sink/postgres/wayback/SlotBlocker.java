package io.tandem.sink.postgres.wayback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A write transaction a logical slot's creation may be waiting for: creation reaches its consistent point only
 * after every transaction that held a transaction id while it ran has ended, prepared ones included, across all
 * databases (CUTOVER.md §3 "Slots"). The creating backend waits on one of them at a time through a
 * {@code transactionid} lock; that one is {@link #waitedOn}.
 *
 * @param pid the backend, null for a prepared transaction (it has none)
 * @param user its role (the owner, for a prepared transaction)
 * @param applicationName null for a prepared transaction
 * @param state {@code pg_stat_activity.state} ({@code idle in transaction}, {@code active}, …) or {@code prepared}
 * @param gid the prepared transaction's global id, null for a session
 * @param age since the transaction began, or since it was prepared
 */
public record SlotBlocker(Integer pid, String user, String applicationName, String database, String xid,
                          Duration age, String state, String gid, boolean waitedOn) {

    /**
     * Sessions holding a transaction id (writers; readers hold none and do not block), then prepared transactions.
     * The xid the creator waits for is in its ungranted lock; {@code pg_blocking_pids} names the same session and
     * reports a prepared holder as pid 0, hence the match by xid.
     */
    private static final String FIND = "WITH waited AS (SELECT transactionid::text AS xid FROM pg_locks"
            + " WHERE pid = ? AND NOT granted AND locktype = 'transactionid')"
            + " SELECT a.pid, a.usename::text, a.application_name, a.datname::text, a.backend_xid::text,"
            + " (extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::bigint, a.state, NULL::text,"
            + " a.backend_xid::text IN (SELECT xid FROM waited) AS waited_on"
            + " FROM pg_stat_activity a WHERE a.backend_xid IS NOT NULL AND a.pid <> ?"
            + " UNION ALL"
            + " SELECT NULL::int, p.owner::text, NULL::text, p.database::text, p.transaction::text,"
            + " (extract(epoch FROM clock_timestamp() - p.prepared) * 1000)::bigint, 'prepared', p.gid,"
            + " p.transaction::text IN (SELECT xid FROM waited)"
            + " FROM pg_prepared_xacts p"
            + " ORDER BY waited_on DESC, 6 DESC NULLS LAST";

    /**
     * The open write transactions as seen from another session while backend {@code creatorPid} creates a slot.
     * Without {@code pg_read_all_stats} PostgreSQL hides other roles' sessions' details (null user and state).
     */
    public static List<SlotBlocker> find(Connection connection, int creatorPid) throws SQLException {
        List<SlotBlocker> blockers = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(FIND)) {
            select.setInt(1, creatorPid);
            select.setInt(2, creatorPid);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int pid = rows.getInt(1);
                    Integer pidOrNull = rows.wasNull() ? null : pid;
                    long ageMillis = rows.getLong(6);
                    Duration age = rows.wasNull() ? null : Duration.ofMillis(ageMillis);
                    blockers.add(new SlotBlocker(pidOrNull, rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), age, rows.getString(7), rows.getString(8), rows.getBoolean(9)));
                }
            }
        }
        return List.copyOf(blockers);
    }

    /** One line for the log and the status page; no query text (it may hold row values). */
    public String describe() {
        String who = gid != null ? "prepared transaction '" + gid + "' (owner " + user + ")"
                : "pid " + pid + " (user " + user + ", application '" + applicationName + "', " + state + ")";
        return (waitedOn ? "waiting on " : "then ") + who + " in database " + database + ", xid " + xid
                + (age == null ? "" : ", open " + age.toSeconds() + " s");
    }
}
