package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import java.util.List;

/**
 * The source transaction that the preceding events belong to committed here. Batches end only at these marks
 * (unless one transaction alone exceeds the batch bound), so the target never shows half a source transaction.
 */
public record TransactionEnd(String transactionId, SourcePosition position) implements ChangeEvent {

    /**
     * Appends {@code end} to a decoded batch; an end directly before it (a source transaction with nothing tandem
     * replicates) is replaced, so the position still advances without one empty target transaction per source
     * transaction.
     */
    public static void appendCollapsing(List<ChangeEvent> events, TransactionEnd end) {
        int last = events.size() - 1;
        if (last >= 0 && events.get(last) instanceof TransactionEnd) {
            events.set(last, end);
        } else {
            events.add(end);
        }
    }

    @Override
    public long estimatedBytes() {
        return 32;
    }
}
