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

    /** Tells {@code first}, then {@code second}: the pipeline takes one listener. */
    static ApplyListener both(ApplyListener first, ApplyListener second) {
        return new ApplyListener() {
            @Override
            public void applied(List<ChangeEvent> events, SourcePosition position, long applyNanos) {
                first.applied(events, position, applyNanos);
                second.applied(events, position, applyNanos);
            }

            @Override
            public void retrying(int attempt, Throwable cause) {
                first.retrying(attempt, cause);
                second.retrying(attempt, cause);
            }
        };
    }
}
