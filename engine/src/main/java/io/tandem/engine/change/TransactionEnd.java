package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;

/**
 * The source transaction that the preceding events belong to committed here. Batches end only at these marks
 * (unless one transaction alone exceeds the batch bound), so the target never shows half a source transaction.
 */
public record TransactionEnd(String transactionId, SourcePosition position) implements ChangeEvent {

    @Override
    public long estimatedBytes() {
        return 32;
    }
}
