package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.ChangeEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Recognizes the one record a restart repeats. Debezium's binlog offset inside a transaction is the transaction's
 * start plus the number of events already handled ({@code event}) and rows of the current event ({@code row}); an
 * END or a DDL/TRUNCATE record carries such an offset, and on restart the connector replays the transaction up to
 * that count and then emits the same record again with the same offset. Row records are never repeated (the counts
 * skip them). So until the first event is emitted after a start, a boundary record whose offset equals the stored
 * one is a repeat.
 */
final class ResumePoint {

    private static final String[] KEYS = {StreamStart.FILE, StreamStart.POS, StreamStart.EVENT, StreamStart.ROW,
            StreamStart.TRANSACTION_ID};

    private final Object[] resumed;
    private boolean passed;

    /** @param storedOffset the offset the connector resumes from, or null */
    ResumePoint(Map<String, ?> storedOffset) {
        this.resumed = storedOffset == null ? null : key(storedOffset);
        this.passed = storedOffset == null;
    }

    /** @param emitted the events of the current batch so far (any event means the resume point is behind us) */
    boolean replays(Map<String, ?> recordOffset, List<ChangeEvent> emitted) {
        if (passed || !emitted.isEmpty()) {
            passed = true;
            return false;
        }
        boolean same = Arrays.equals(resumed, key(recordOffset));
        if (!same) {
            passed = true;
        }
        return same;
    }

    /** Numbers compared by value: the state store may return integers where Debezium wrote longs. */
    private static Object[] key(Map<String, ?> offset) {
        Object[] key = new Object[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            Object value = offset.get(KEYS[i]);
            key[i] = value instanceof Number number ? (Object) number.longValue() : value == null ? null : value.toString();
        }
        return key;
    }
}
