package io.tandem.engine.sink.apply;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.DeadLetterListener;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.values.ValuePolicyListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each batch in one target transaction that ends by storing the batch's source position, so the stored
 * position always names exactly what the target holds. Many source transactions share one target commit: the
 * commit (a log flush) is paid per batch, not per source transaction. The statements come from a
 * {@link SinkDialect}; the transaction, the retry after an unconfirmed commit and the dead-letter replay are the
 * same for every target database.
 *
 * <p>Called by one pipeline thread at a time.
 */
public final class TransactionalChangeSink implements ChangeSink {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalChangeSink.class);

    private final DataSource pool;
    private final SinkDialect dialect;
    private final int chunkRows;
    private final BadRowPolicy onBadRow;
    private final DeadLetters deadLetters;
    private final ValuePolicyListener valuePolicies;
    private volatile boolean closed;
    /** The positions of a batch whose commit failed without telling whether it happened (the connection died). */
    private List<SourcePosition> unconfirmedCommit;

    /**
     * @param pool hands out connections with auto-commit off; it belongs to the caller, who closes it
     * @param chunkRows rows per statement; a table's pending changes are written when they reach this many keys
     */
    public TransactionalChangeSink(DataSource pool, SinkDialect dialect, int chunkRows, BadRowPolicy onBadRow,
                                   DeadLetterListener listener, ValuePolicyListener valuePolicies) {
        this.pool = pool;
        this.dialect = dialect;
        this.chunkRows = chunkRows;
        this.onBadRow = onBadRow;
        this.deadLetters = new DeadLetters(listener);
        this.valuePolicies = valuePolicies;
    }

    @Override
    public void apply(List<ChangeEvent> events, SourcePosition position) {
        apply(events, List.of(position));
    }

    /**
     * Applies {@code events} in one transaction that stores each of {@code positions}: for a source whose
     * partitions advance independently (the topic-partitions a Kafka Connect task consumes), one position per
     * partition the batch moved.
     */
    public void apply(List<ChangeEvent> events, List<SourcePosition> positions) {
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one position to store");
        }
        Batch batch = new Batch(List.copyOf(positions));
        if (closed) {
            throw new IllegalStateException("the " + dialect.databaseName() + " sink is closed");
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw dialect.failure("connect", null, batch.description(), e);
        }
        try {
            applyInTransaction(connection, events, batch);
        } finally {
            close(connection);
        }
    }

    /** Row changes dead-lettered since this sink was created (committed ones only). */
    public long deadLetteredRows() {
        return deadLetters.total();
    }

    @Override
    public void close() {
        // The pool belongs to the caller, which closes it; the sink only stops taking batches.
        closed = true;
    }

    private void applyInTransaction(Connection connection, List<ChangeEvent> events, Batch batch) {
        try {
            if (committedBefore(connection, batch)) {
                return;
            }
            ValuePolicyTally policies = new ValuePolicyTally();
            BatchApplier applier = new BatchApplier(connection, dialect, chunkRows, policies);
            for (ChangeEvent event : events) {
                applier.apply(event);
            }
            applier.flushAll();
            commit(connection, batch, Map.of(), policies);
        } catch (FailedStatement e) {
            Rollback.keepingCause(connection, e);
            if (onBadRow == BadRowPolicy.DEAD_LETTER && dialect.isDataError(e.sqlException())) {
                replayWithDeadLetters(connection, events, batch);
                return;
            }
            throw failure(e, batch);
        } catch (RuntimeException e) {
            Rollback.keepingCause(connection, e);
            throw e;
        }
    }

    /** The second attempt at a batch that met bad data: same events, same transaction shape, one at a time. */
    private void replayWithDeadLetters(Connection connection, List<ChangeEvent> events, Batch batch) {
        try {
            ValuePolicyTally policies = new ValuePolicyTally();
            Map<TableId, Long> refused = new DeadLetterReplay(connection, dialect, chunkRows, policies)
                    .apply(events);
            commit(connection, batch, refused, policies);
            refused.forEach((table, rows) -> LOG.warn("{} row change(s) of {} dead-lettered at source position {}",
                    rows, table, batch.description()));
        } catch (FailedStatement e) {
            Rollback.keepingCause(connection, e);
            throw failure(e, batch);
        } catch (RuntimeException e) {
            Rollback.keepingCause(connection, e);
            throw e;
        }
    }

    private void commit(Connection connection, Batch batch, Map<TableId, Long> refused,
                        ValuePolicyTally policies) throws FailedStatement {
        for (SourcePosition partition : batch.positions()) {
            dialect.writeOffset(connection, partition);
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            unconfirmedCommit = batch.positions();
            throw new FailedStatement("commit", null, e);
        }
        unconfirmedCommit = null;
        deadLetters.committed(refused);
        deadLetters.committed(policies.deadLettered());
        policies.report(valuePolicies);
    }

    /**
     * After a commit whose outcome is unknown, a retry of the same batch first checks whether the stored offset
     * already holds the batch's positions. If so the commit did happen, and applying again would double the rows of
     * tables without a key.
     */
    private boolean committedBefore(Connection connection, Batch batch) throws FailedStatement {
        if (!batch.positions().equals(unconfirmedCommit)) {
            return false;
        }
        boolean stored = true;
        for (SourcePosition partition : batch.positions()) {
            stored &= dialect.isOffsetStored(connection, partition);
        }
        if (stored) {
            LOG.info("the batch ending at {} was committed before its connection failed; not applying it again",
                    batch.description());
            unconfirmedCommit = null;
        }
        return stored;
    }

    private SinkException failure(FailedStatement failed, Batch batch) {
        return dialect.failure(failed.operation(), failed.table(), batch.description(), failed.sqlException());
    }

    /** The positions a batch stores; described together in messages. */
    private record Batch(List<SourcePosition> positions) {
        String description() {
            return positions.stream().map(SourcePosition::description).collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return description();
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The batch's outcome is already decided; a failing close only means the pool drops the connection.
            LOG.debug("closing a sink connection failed", e);
        }
    }
}
