package io.tandem.engine.sink;

import java.util.Map;
import java.util.Optional;

/**
 * Where a direction's source reads the position to resume from: whatever its sink committed last, in the sink's
 * own database (PostgreSQL for the forward direction, MySQL for the reverse one). Read-only on purpose: only the
 * sink writes a position, inside the transaction that applies the rows up to it.
 */
public interface OffsetStore {

    /** The stored source offset for a source partition, as written by the sink, or empty before the first batch. */
    Optional<Map<String, Object>> committedOffset(Map<String, ?> partition);
}
