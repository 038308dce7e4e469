package io.tandem.connectors.postgres.stream;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Source positions of the PostgreSQL stream. The offset is Debezium's, verbatim: {@code lsn} (this change),
 * {@code lsn_commit} (the last transaction the connector saw commit), {@code lsn_proc}, {@code txId},
 * {@code ts_usec} (this transaction's commit time).
 *
 * <p>Ordering: logical decoding delivers whole transactions in commit order, but the LSNs of a transaction's changes
 * may lie before the commit of the transaction delivered ahead of it (they ran concurrently). So a change is placed
 * after the commit before it, {@code (lsn_commit, 1, lsn)}, and a transaction end at its own commit,
 * {@code (commit lsn)}; both grow strictly in delivery order.
 */
final class WalPositions {

    static final String SERIES = "wal";
    static final String LSN = "lsn";
    static final String COMMIT_LSN = "lsn_commit";
    static final String TX_ID = "txId";
    static final String COMMIT_MICROS = "ts_usec";

    private WalPositions() {
    }

    static SourcePosition ofChange(Map<String, ?> partition, Map<String, ?> offset) {
        long lsn = number(offset, LSN, 0);
        return position(partition, offset, lsn, StreamPoint.of(SERIES, number(offset, COMMIT_LSN, 0), 1, lsn));
    }

    static SourcePosition ofCommit(Map<String, ?> partition, Map<String, ?> offset) {
        long commit = number(offset, COMMIT_LSN, 0);
        return position(partition, offset, commit, StreamPoint.of(SERIES, commit));
    }

    /** PostgreSQL's own notation, {@code 0/16B3748}. */
    static String text(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    static long number(Map<String, ?> offset, String key, long absent) {
        Object value = offset.get(key);
        return value == null ? absent : value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }

    private static SourcePosition position(Map<String, ?> partition, Map<String, ?> offset, long lsn,
                                           StreamPoint point) {
        Map<String, Object> copy = new HashMap<>();
        offset.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        Instant commitTime = offset.get(COMMIT_MICROS) instanceof Number micros
                ? Instant.EPOCH.plusNanos(Math.multiplyExact(micros.longValue(), 1000L)) : null;
        return new SourcePosition(partition, copy, "lsn " + text(lsn), point, commitTime);
    }
}
