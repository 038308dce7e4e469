package io.tandem.deploy.replication;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.lag.HeartbeatLag;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.pipeline.ApplyListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the reverse stream learns from each batch it committed on MySQL: heartbeats measure the reverse lag (as
 * forward heartbeats do on PostgreSQL), and application rows after a fence token tell the failback that something
 * was written after its fence.
 */
final class ReverseApplied implements ApplyListener {

    private final HeartbeatLag lag;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong rowsAfterLastFence = new AtomicLong();
    private volatile String lastFence;

    ReverseApplied(HeartbeatLag lag) {
        this.lag = lag;
    }

    @Override
    public void applied(List<ChangeEvent> batch, SourcePosition position, long applyNanos) {
        for (ChangeEvent event : batch) {
            if (event instanceof Heartbeat beat) {
                lag.applied(beat.seq(), beat.writtenAtMicros());
            } else if (event instanceof FenceToken fence) {
                rowsAfterLastFence.set(0);
                lastFence = fence.token();
            } else if (event instanceof RowChange || event instanceof TruncateTable) {
                rowsAfterLastFence.incrementAndGet();
                events.incrementAndGet();
            }
        }
    }

    /** Row changes and truncates committed on MySQL since tandem started. */
    long events() {
        return events.get();
    }

    /** Application row changes applied after {@code token}; -1 when the token is not the last one applied. */
    long rowsAfter(String token) {
        return token.equals(lastFence) ? rowsAfterLastFence.get() : -1;
    }
}
