package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import java.util.Map;

/**
 * Drops the records Debezium hands over a second time, so the pipeline sees every change once.
 *
 * <p>Repeats happen twice over. After a restart from a stored offset: an offset stored from an END or a DDL
 * record lies inside that transaction (Debezium's restart point is the transaction's start, {@code pos}, plus
 * the events already handled, {@code event}, and rows of the current event, {@code row}), so the connector replays
 * the transaction up to that count and emits that record again, with the same offset. And after the engine
 * restarts its task on a retriable error (a lost connection): the task resumes from the committed offset, which
 * lags what was already handed to the pipeline, and everything in between comes again.
 *
 * <p>Binlog offsets only grow in record order, ordered by (file, pos, event, row); several records may share one
 * (a DDL on several tables, the pairs of a multi-table RENAME). So a record whose offset is below the last one
 * handled is a repeat, and at the last offset itself as many records as were handled there are repeats: after a
 * restart, as many as the stored offset says ({@link StreamStart#RECORDS_AT_OFFSET}, else one).
 */
final class ReplayGuard {

    private Key last;
    private int handledAtLast;
    private int repeatsLeftAtLast;
    private boolean replaying;

    /** @param storedOffset the offset the connector resumes from (itself handled before the restart), or null */
    ReplayGuard(Map<String, ?> storedOffset) {
        if (storedOffset != null) {
            last = Key.of(storedOffset);
            Object handled = storedOffset.get(StreamStart.RECORDS_AT_OFFSET);
            handledAtLast = handled == null ? 1 : Integer.parseInt(handled.toString());
            repeatsLeftAtLast = handledAtLast;
            replaying = true;
        }
    }

    /** True when the record at {@code offset} was handled before; the caller drops it. */
    boolean repeats(Map<String, ?> offset) {
        Key key = Key.of(offset);
        if (last == null) {
            accept(key);
            return false;
        }
        int order = key.compareTo(last);
        if (order < 0) {
            if (!replaying) {
                replaying = true;
                repeatsLeftAtLast = handledAtLast;
            }
            return true;
        }
        if (order == 0) {
            if (replaying && repeatsLeftAtLast > 0) {
                repeatsLeftAtLast--;
                return true;
            }
            handledAtLast++;
            return false;
        }
        accept(key);
        return false;
    }

    private void accept(Key key) {
        last = key;
        handledAtLast = 1;
        repeatsLeftAtLast = 0;
        replaying = false;
    }

    private record Key(BinlogPosition position, long event, long row) implements Comparable<Key> {

        static Key of(Map<String, ?> offset) {
            return new Key(BinlogPosition.of(offset), number(offset.get(StreamStart.EVENT)), number(offset.get(StreamStart.ROW)));
        }

        private static long number(Object value) {
            return value == null ? 0 : Long.parseLong(value.toString());
        }

        @Override
        public int compareTo(Key other) {
            int byPosition = position.compareTo(other.position);
            if (byPosition != 0) {
                return byPosition;
            }
            int byEvent = Long.compare(event, other.event);
            return byEvent != 0 ? byEvent : Long.compare(row, other.row);
        }
    }
}
