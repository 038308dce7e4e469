package io.tandem.engine.sink;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.SourcePosition;
import java.util.List;

/**
 * Applies streamed changes to the target. The one rule: the events of a call and the position become visible
 * together or not at all, so the stored position always names exactly what the target holds.
 */
public interface ChangeSink extends AutoCloseable {

    /**
     * Applies {@code events} in order in one target transaction that also stores {@code position} as the place to
     * resume from. Returns once committed. Failures are thrown as {@link SinkException} carrying whether a retry may
     * succeed; after a failure nothing of the call is visible.
     */
    void apply(List<ChangeEvent> events, SourcePosition position);

    @Override
    void close();
}
