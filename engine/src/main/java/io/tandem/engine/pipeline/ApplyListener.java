package io.tandem.engine.pipeline;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.SourcePosition;
import java.util.List;

/** Told after each committed batch; feeds metrics and status. Runs on the apply thread, so it must be quick. */
public interface ApplyListener {

    void applied(List<ChangeEvent> events, SourcePosition position, long applyNanos);

    /** Told before each retry of a batch that failed with a transient error. */
    default void retrying(int attempt, Throwable cause) {
    }
}
