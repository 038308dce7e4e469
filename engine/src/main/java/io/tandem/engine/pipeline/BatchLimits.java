package io.tandem.engine.pipeline;

import java.time.Duration;

/**
 * When the apply loop commits. A batch closes at a source transaction end once it holds {@code maxRows} events or
 * {@code maxBytes}, once {@code maxWait} has passed since its first event, or as soon as nothing more is waiting
 * (so a quiet source sees low latency and a busy one gets large batches). A single transaction bigger than the
 * limits is committed in parts so that memory stays bounded; the stored position makes the rest resumable.
 *
 * @param queueMaxBytes how many bytes of events may wait between the source and the apply loop
 */
public record BatchLimits(int maxRows, long maxBytes, Duration maxWait, long queueMaxBytes) {

    public BatchLimits {
        if (maxRows < 1 || maxBytes < 1 || queueMaxBytes < 1 || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxRows + ", " + maxBytes + ", "
                    + maxWait + ", " + queueMaxBytes);
        }
    }
}
