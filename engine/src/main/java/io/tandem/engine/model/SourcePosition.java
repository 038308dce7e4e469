package io.tandem.engine.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where in the source's change stream an event sits. Two forms travel together: the source's own offset (for the
 * binlog sources Debezium's partition and offset maps: file, pos, row, event, gtids...), which the sink stores
 * verbatim in the same transaction as the rows it covers and the source reads back to resume; and a typed
 * {@link StreamPoint} that orders positions, for a drain ("has the target applied everything up to here?") and for
 * verification ("has the target passed the snapshot this chunk was read in?").
 *
 * @param description a short human form for logs and status, e.g. {@code mysql-bin.000003:4711}
 * @param point the comparable form, or null where the source cannot say (positions built in tests)
 * @param sourceTime when the change committed on the source, as the source reports it (binlog events have second
 *     resolution on most servers); null when unknown. Lag is measured by heartbeats, not by this.
 */
public record SourcePosition(Map<String, ?> partition, Map<String, ?> offset, String description,
                             StreamPoint point, Instant sourceTime) {

    public SourcePosition {
        partition = Map.copyOf(partition);
        offset = Map.copyOf(offset);
        Objects.requireNonNull(description, "description");
    }

    public SourcePosition(Map<String, ?> partition, Map<String, ?> offset, String description) {
        this(partition, offset, description, null, null);
    }

    public Optional<StreamPoint> streamPoint() {
        return Optional.ofNullable(point);
    }

    /**
     * Whether this position is at or past {@code other}.
     *
     * @throws IllegalArgumentException when either position has no point or they belong to different logs
     */
    public boolean isAtOrAfter(StreamPoint other) {
        if (point == null) {
            throw new IllegalArgumentException("position " + description + " cannot be ordered");
        }
        return point.isAtOrAfter(other);
    }

    /** The same offset maps with another description and point: for offsets a source rewrites. */
    public SourcePosition withOffset(Map<String, ?> newOffset) {
        return new SourcePosition(partition, newOffset, description, point, sourceTime);
    }

    @Override
    public String toString() {
        return description;
    }
}
