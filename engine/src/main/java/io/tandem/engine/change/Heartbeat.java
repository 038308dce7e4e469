package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import java.util.Objects;

/**
 * tandem's own heartbeat row on the source (control database, table {@code heartbeat}) as it came through the
 * binlog. The sink records it in {@code tandem.heartbeat} in the same transaction as the batch around it, so the
 * newest applied heartbeat says how far behind the target is in the writer's clock: no source clock, no skew.
 *
 * @param instance the tandem instance that wrote it (one row per instance)
 * @param seq the writer's sequence number, increasing by one per write
 * @param writtenAtMicros the writer's clock when it wrote the row, µs since the epoch
 */
public record Heartbeat(String instance, long seq, long writtenAtMicros, SourcePosition position)
        implements ChangeEvent {

    public Heartbeat {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public long estimatedBytes() {
        return 64 + instance.length();
    }
}
