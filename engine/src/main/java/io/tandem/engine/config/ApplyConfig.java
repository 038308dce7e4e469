package io.tandem.engine.config;

import java.time.Duration;
import java.util.Objects;

/** Batching and back-pressure between source and sink ({@code apply:}); all limits are bounded in bytes. */
public record ApplyConfig(int batchMaxRows, long batchMaxBytes, long queueMaxBytes, Duration maxBatchWait) {

    public ApplyConfig {
        Objects.requireNonNull(maxBatchWait, "maxBatchWait");
    }

    static ApplyConfig read(Values v) {
        Integer batchMaxRows = v.get(Options.APPLY_BATCH_MAX_ROWS);
        Long batchMaxBytes = v.get(Options.APPLY_BATCH_MAX_BYTES);
        Long queueMaxBytes = v.get(Options.APPLY_QUEUE_MAX_BYTES);
        Duration maxBatchWait = v.get(Options.APPLY_MAX_BATCH_WAIT);
        // A queue smaller than one batch could never fill a batch: the pipeline would stall, not fail.
        if (batchMaxBytes != null && queueMaxBytes != null && queueMaxBytes < batchMaxBytes) {
            v.problem(Options.APPLY_QUEUE_MAX_BYTES, "must be at least apply.batch-max-bytes ("
                    + Quantities.formatSize(batchMaxBytes) + "), got " + Quantities.formatSize(queueMaxBytes));
        }
        return v.hasProblems() ? null : new ApplyConfig(batchMaxRows, batchMaxBytes, queueMaxBytes, maxBatchWait);
    }
}
