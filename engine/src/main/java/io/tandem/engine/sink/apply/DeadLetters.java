package io.tandem.engine.sink.apply;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.DeadLetterListener;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts dead-lettered row changes once the batch recording them has committed: in total and to the listener. */
final class DeadLetters {

    private final DeadLetterListener listener;
    private final AtomicLong total = new AtomicLong();

    DeadLetters(DeadLetterListener listener) {
        this.listener = listener;
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
