package io.tandem.connectors.postgres.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PgReplayGuardTest {

    private static Map<String, Object> change(long previousCommit, long txId, long lsn) {
        return Map.of("lsn_commit", previousCommit, "txId", txId, "lsn", lsn, "lsn_proc", lsn, "messageType", "INSERT");
    }

    private static Map<String, Object> commit(long commit, long txId) {
        return Map.of("lsn_commit", commit, "txId", txId, "lsn", commit, "lsn_proc", commit, "messageType", "COMMIT");
    }

    @Test
    void theCommittedTransactionRedeliveredAfterARestartIsDropped() {
        PgReplayGuard guard = new PgReplayGuard(commit(500, 7));
        // Debezium loads lsn_commit from the offset, so the repeat's changes carry the stored commit.
        assertTrue(guard.changeRepeats(change(500, 7, 450)));
        assertTrue(guard.commitRepeats(commit(500, 7)));
        // The next transaction may have written before 500 (it ran concurrently) and still is new.
        assertFalse(guard.changeRepeats(change(500, 8, 480)));
        assertFalse(guard.commitRepeats(commit(600, 8)));
    }

    @Test
    void aTaskRestartFromAnOlderCommitRepeatsEverythingUpToTheLastEndPassed() {
        PgReplayGuard guard = new PgReplayGuard(null);
        assertFalse(guard.changeRepeats(change(100, 1, 150)));
        assertFalse(guard.commitRepeats(commit(200, 1)));
        assertFalse(guard.changeRepeats(change(200, 2, 250)));
        assertFalse(guard.commitRepeats(commit(300, 2)));
        // The task resumes from the commit at 200: transaction 2 comes again.
        assertTrue(guard.changeRepeats(change(200, 2, 250)));
        assertTrue(guard.commitRepeats(commit(300, 2)));
        assertFalse(guard.changeRepeats(change(300, 3, 350)));
    }

    @Test
    void aPartlyCommittedTransactionResumesAfterItsLastChange() {
        PgReplayGuard guard = new PgReplayGuard(change(100, 5, 170));
        assertTrue(guard.changeRepeats(change(100, 5, 150)));
        assertTrue(guard.changeRepeats(change(100, 5, 170)));
        assertFalse(guard.changeRepeats(change(100, 5, 190)));
        assertFalse(guard.commitRepeats(commit(200, 5)));
    }
}
