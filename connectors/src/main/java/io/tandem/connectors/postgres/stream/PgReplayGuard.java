package io.tandem.connectors.postgres.stream;

import java.util.Map;

/**
 * Drops what Debezium hands over a second time, so nothing is applied twice.
 *
 * <p>Repeats come after a restart from the committed offset (Debezium may deliver the committed transaction again)
 * and after the engine restarts its task on a retriable error (it resumes from the committed offset, which lags what
 * was already handed over). Logical decoding delivers whole transactions in commit order, so "handed over before"
 * is decidable from the last position handed over: the last commit LSN passed, and within the transaction after it,
 * the transaction id and the last change LSN passed.
 *
 * <ul>
 * <li>A transaction end at or before the last commit passed is a repeat.</li>
 * <li>A change whose offset names an earlier last commit ({@code lsn_commit}) belongs to a transaction that
 *     committed at or before the last commit passed: a repeat.</li>
 * <li>A change of the transaction that committed last (its id) is a repeat: that is the redelivered committed
 *     transaction, whose changes carry the same {@code lsn_commit} as the next one's.</li>
 * <li>A change of the transaction in progress at or before the last change passed is a repeat (the sink may have
 *     committed part of a transaction larger than a batch).</li>
 * </ul>
 */
final class PgReplayGuard {

    private static final String MESSAGE_TYPE = "messageType";

    private long lastCommit = -1;
    private Long committedTx;
    private Long openTx;
    private long openTxUpTo = -1;

    /** @param storedOffset the offset the connector resumes from (handled before the restart), or null */
    PgReplayGuard(Map<String, ?> storedOffset) {
        if (storedOffset == null) {
            return;
        }
        lastCommit = WalPositions.number(storedOffset, WalPositions.COMMIT_LSN, -1);
        Object tx = storedOffset.get(WalPositions.TX_ID);
        Long txId = tx == null ? null : WalPositions.number(storedOffset, WalPositions.TX_ID, 0);
        if ("COMMIT".equals(String.valueOf(storedOffset.get(MESSAGE_TYPE)))) {
            committedTx = txId;
        } else {
            openTx = txId;
            openTxUpTo = WalPositions.number(storedOffset, WalPositions.LSN, -1);
        }
    }

    /** True when the change at {@code offset} was handed over before; the caller drops it. */
    boolean changeRepeats(Map<String, ?> offset) {
        long previousCommit = WalPositions.number(offset, WalPositions.COMMIT_LSN, -1);
        if (previousCommit < lastCommit) {
            return true;
        }
        Long txId = offset.get(WalPositions.TX_ID) == null ? null : WalPositions.number(offset, WalPositions.TX_ID, 0);
        if (txId != null && txId.equals(committedTx)) {
            return true;
        }
        long lsn = WalPositions.number(offset, WalPositions.LSN, -1);
        if (txId != null && txId.equals(openTx) && lsn <= openTxUpTo) {
            return true;
        }
        openTx = txId;
        openTxUpTo = lsn;
        return false;
    }

    /** True when the transaction end at {@code offset} was handed over before; the caller drops it. */
    boolean commitRepeats(Map<String, ?> offset) {
        long commit = WalPositions.number(offset, WalPositions.COMMIT_LSN, -1);
        if (commit <= lastCommit) {
            return true;
        }
        lastCommit = commit;
        Object tx = offset.get(WalPositions.TX_ID);
        committedTx = tx == null ? null : WalPositions.number(offset, WalPositions.TX_ID, 0);
        openTx = null;
        openTxUpTo = -1;
        return false;
    }
}
