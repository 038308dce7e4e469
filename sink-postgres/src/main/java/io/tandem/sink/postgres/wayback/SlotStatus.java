package io.tandem.sink.postgres.wayback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * An existing slot as PostgreSQL reports it, for the status page and the retained-WAL alarm (RELIABILITY.md §6
 * "Slot hygiene"). An inactive slot whose {@link #retainedWalBytes} keeps growing is the one to act on.
 *
 * @param active whether a walsender streams from it now ({@code activePid} then names it)
 * @param confirmedFlushLsn what the consumer confirmed; null until it has
 * @param restartLsn the oldest WAL the slot keeps; null once that WAL was removed
 * @param retainedWalBytes {@code pg_current_wal_lsn() − restart_lsn}: WAL kept for this slot; null with restartLsn
 * @param walStatus {@code reserved}, {@code extended}, {@code unreserved} or {@code lost} (PG ≥ 13; null before)
 * @param safeWalSizeBytes WAL that may still be written before the slot is in danger of losing its WAL; null when
 *     {@code max_slot_wal_keep_size} is unlimited, and before PG 13
 */
public record SlotStatus(String name, String plugin, String database, boolean active, Integer activePid,
                         String confirmedFlushLsn, String restartLsn, Long retainedWalBytes, String walStatus,
                         Long safeWalSizeBytes) {

    private static final String COMMON = "SELECT slot_name::text, plugin::text, database::text, active, active_pid,"
            + " confirmed_flush_lsn::text, restart_lsn::text,"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint, ";
    private static final String SINCE_13 = COMMON + "wal_status, safe_wal_size"
            + " FROM pg_replication_slots WHERE slot_name = ?";
    private static final String BEFORE_13 = COMMON + "NULL::text, NULL::bigint"
            + " FROM pg_replication_slots WHERE slot_name = ?";

    /** The slot's status, empty when there is no slot of that name. Must run on a primary. */
    public static Optional<SlotStatus> read(Connection connection, String slotName) throws SQLException {
        String sql = connection.getMetaData().getDatabaseMajorVersion() >= 13 ? SINCE_13 : BEFORE_13;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, slotName);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SlotStatus(row.getString(1), row.getString(2), row.getString(3),
                        row.getBoolean(4), row.getObject(5, Integer.class), row.getString(6), row.getString(7),
                        row.getObject(8, Long.class), row.getString(9), row.getObject(10, Long.class)));
            }
        }
    }
}
