package io.tandem.sink.postgres.apply;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.DeadLetterListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts dead-lettered row changes: per batch until it commits, then in total and to the listener. */
final class DeadLetters {

    private final DeadLetterListener listener;
    private final AtomicLong total = new AtomicLong();

    DeadLetters(DeadLetterListener listener) {
        this.listener = listener;
    }

    /** Rows dead-lettered by the batch in progress, by source table; reported by {@link #committed}. */
    Map<TableId, Long> newBatch() {
        return new LinkedHashMap<>();
    }

    void committed(Map<TableId, Long> batch) {
        batch.forEach((table, rows) -> {
            total.addAndGet(rows);
            listener.deadLettered(table, rows);
        });
    }

    long total() {
        return total.get();
    }
}
