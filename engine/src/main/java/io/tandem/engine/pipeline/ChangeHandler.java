package io.tandem.engine.pipeline;

import io.tandem.engine.change.ChangeEvent;
import java.util.List;

/**
 * Receives the decoded events of one Debezium batch, in source order. It may block: that is the back-pressure
 * (the pipeline's bounded queue is full), and while it blocks Debezium stops reading the binlog once its own
 * bounded queue fills.
 */
@FunctionalInterface
public interface ChangeHandler {

    /** @param events never empty; the list is not reused by the caller */
    void accept(List<ChangeEvent> events) throws InterruptedException;
}
