package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The first streaming position, written by the lead through {@code StateStore.initializeOffset(partition, offset)}
 * before the source starts for the first time, in exactly the form Debezium's binlog connectors load
 * ({@code BinlogOffsetContext.Loader}): partition {@code {"server": <topic.prefix>}}, offset {@code {"file", "pos"}}
 * plus {@code "gtids"} when the connector positions by GTID. No {@code snapshot} key: without it the connector
 * considers no snapshot in progress and streams from the offset.
 *
 * <p>Why the GTID set matters: the MariaDB connector always reads the binlog in GTID mode, and so does the MySQL
 * connector when {@code gtid_mode=ON}; with no {@code gtids} in the offset both ask the server for the binlog from
 * an empty GTID state, i.e. from the oldest binlog, and the file/pos is ignored. The GTID set must therefore be
 * the one that matches the position: for MariaDB {@code BINLOG_GTID_POS(file, pos)}, for MySQL the
 * {@code Executed_Gtid_Set} printed in the same row as the position; the snapshot copier records both.
 */
public record StreamStart(Map<String, String> partition, Map<String, Object> offset) {

    /** Offset keys, as {@code BinlogSourceInfo} / {@code BinlogOffsetContext} name them. */
    static final String FILE = "file";
    static final String POS = "pos";
    static final String GTIDS = "gtids";
    static final String EVENT = "event";
    static final String ROW = "row";
    static final String TRANSACTION_ID = "transaction_id";
    /**
     * tandem's own key, in offsets it stores (Debezium ignores it): how many records up to this one carried the same
     * Debezium offset, when more than one did (the pairs of a multi-table RENAME share their statement's offset).
     */
    static final String RECORDS_AT_OFFSET = "tandem_records_at_offset";

    public StreamStart {
        partition = Map.copyOf(partition);
        offset = Map.copyOf(offset);
    }

    /** The partition Debezium's binlog connectors use: one per logical server, named by {@code topic.prefix}. */
    public static Map<String, String> partition(String instanceName) {
        return Map.of("server", Objects.requireNonNull(instanceName, "instanceName"));
    }

    /**
     * @param gtidSet the GTID set executed at {@code start} (see the class comment), or null for a MySQL server
     *     with {@code gtid_mode=OFF}
     */
    public static StreamStart at(String instanceName, BinlogPosition start, String gtidSet) {
        Map<String, Object> offset = new HashMap<>();
        offset.put(FILE, start.file());
        offset.put(POS, start.pos());
        if (gtidSet != null && !gtidSet.isBlank()) {
            offset.put(GTIDS, gtidSet.replace("\n", "").replace("\r", ""));
        }
        return new StreamStart(partition(instanceName), offset);
    }

    /**
     * From the snapshot copier's position map ({@code file}, {@code pos}, {@code gtids} when the server has GTIDs),
     * e.g. {@code SnapshotResult.streamStart()}.
     */
    public static StreamStart at(String instanceName, Map<String, String> snapshotPosition) {
        return at(instanceName, BinlogPosition.of(snapshotPosition), snapshotPosition.get(BinlogPosition.GTIDS));
    }
}
