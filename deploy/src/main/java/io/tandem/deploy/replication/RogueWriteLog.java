package io.tandem.deploy.replication;

import io.tandem.connectors.postgres.stream.RogueWrite;
import io.tandem.connectors.postgres.stream.RogueWriteListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rogue writes, logged as errors (each is an application writing to PostgreSQL before the cutover) and the latest
 * kept for the status; the reverse source counts them all.
 */
final class RogueWriteLog implements RogueWriteListener {

    private static final Logger LOG = LoggerFactory.getLogger(RogueWriteLog.class);
    private static final int KEPT = 20;

    private final Deque<RogueWrite> latest = new ArrayDeque<>();

    @Override
    public void onRogueWrite(RogueWrite write) {
        LOG.error("rogue write on PostgreSQL while the way back is in shadow mode: {} on {} at {}; it is not"
                + " applied to MySQL (the application must not write to PostgreSQL before the cutover)",
                write.operation(), write.relation(), write.lsn());
        synchronized (latest) {
            if (latest.size() == KEPT) {
                latest.removeFirst();
            }
            latest.addLast(write);
        }
    }

    /** The latest, oldest first. */
    List<RogueWrite> latest() {
        synchronized (latest) {
            return List.copyOf(latest);
        }
    }
}
