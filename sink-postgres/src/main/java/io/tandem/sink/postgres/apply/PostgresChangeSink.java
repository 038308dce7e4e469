package io.tandem.sink.postgres.apply;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.DeadLetterListener;
import io.tandem.engine.sink.apply.TransactionalChangeSink;
import io.tandem.engine.values.ValuePolicyListener;
import java.util.List;
import javax.sql.DataSource;

/**
 * Applies each batch in one PostgreSQL transaction that ends by storing the batch's source position: the engine's
 * {@link TransactionalChangeSink} speaking PostgreSQL ({@link PostgresSinkDialect}, {@link PostgresTableWriter}).
 *
 * <p>Called by one pipeline thread at a time.
 */
public final class PostgresChangeSink implements ChangeSink {

    private final TransactionalChangeSink sink;

    public PostgresChangeSink(DataSource pool, int chunkRows, BadRowPolicy onBadRow, DeadLetterListener listener,
                              ValuePolicyListener valuePolicies) {
        this.sink = new TransactionalChangeSink(pool, new PostgresSinkDialect(chunkRows), chunkRows, onBadRow,
                listener, valuePolicies);
    }

    @Override
    public void apply(List<ChangeEvent> events, SourcePosition position) {
        sink.apply(events, position);
    }

    /** One transaction storing a position per source partition the batch moved ({@link TransactionalChangeSink}). */
    public void apply(List<ChangeEvent> events, List<SourcePosition> positions) {
        sink.apply(events, positions);
    }

    /** Row changes dead-lettered since this sink was created (committed ones only). */
    public long deadLetteredRows() {
        return sink.deadLetteredRows();
    }

    @Override
    public void close() {
        // The pool belongs to the PostgresTarget, which closes it; the sink only stops taking batches.
        sink.close();
    }
}
