package io.tandem.connect;

import io.tandem.connect.record.ChangeRecords;
import io.tandem.connect.record.SinkTables;
import io.tandem.connect.record.TopicPositions;
import io.tandem.engine.sink.DeadLetterListener;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.values.ValuePolicyListener;
import io.tandem.sink.postgres.PostgresTarget;
import io.tandem.sink.postgres.PostgresTargetOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the records of each {@code put} in one PostgreSQL transaction that also stores, per topic-partition, the
 * offset after its last record ({@code tandem.offsets}). That stored offset is the only truth about progress:
 * {@link #open} seeks each assigned partition to it, {@link #preCommit} reports it to Kafka and nothing newer, and
 * records before it are skipped. A task killed at any instant, a rebalance or a redelivery therefore neither loses
 * nor repeats a row.
 *
 * <p>The batch goes through the daemon's {@link io.tandem.engine.sink.apply.TransactionalChangeSink}: the same
 * set-based statements, dead letters and value policies.
 */
public final class TandemSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(TandemSinkTask.class);

    private PostgresTarget target;
    private SinkTables tables;
    private ChangeRecords records;
    /** Per assigned topic-partition, what PostgreSQL has applied from it. */
    private final Map<TopicPartition, TopicPositions.Progress> applied = new HashMap<>();
    private long rowsApplied;

    @Override
    public String version() {
        return Version.OF_THIS_JAR;
    }

    @Override
    public void start(Map<String, String> props) {
        TandemSinkConfig config = new TandemSinkConfig(props);
        PostgresTargetOptions options = new PostgresTargetOptions(1, config.statementMaxRows(),
                PostgresTargetOptions.DEFAULT_COPY_BUFFER_BYTES, config.badRows(), deadLetters(),
                PostgresTargetOptions.DEFAULT_CONNECTION_TIMEOUT, ValuePolicyListener.NONE, false);
        try {
            target = PostgresTarget.open(config.url(), config.user(), config.password(), options);
            StateStore state = target.stateStore();
            tables = new SinkTables(state::tableDefinitions, config.nameCase(), target.spatialTarget());
        } catch (SinkException e) {
            throw e.transientFailure() ? new RetriableException(e.getMessage(), e)
                    : new ConnectException(e.getMessage(), e);
        }
        records = new ChangeRecords(tables, config.valuePolicies(), config.skipBinlogRepeats());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> seek = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Optional<TopicPositions.Progress> progress = TopicPositions.progress(
                    target.stateStore().committedOffset(TopicPositions.partitionKey(partition)));
            progress.ifPresent(stored -> {
                seek.put(partition, stored.nextOffset());
                applied.put(partition, stored);
            });
        }
        if (!seek.isEmpty()) {
            context.offset(seek);
        }
        LOG.info("Assigned {}; resuming from PostgreSQL's offsets {}", partitions, seek);
    }

    @Override
    public void put(Collection<SinkRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        ChangeRecords.Decoded decoded = records.decode(batch, applied, this::refuse);
        if (decoded.positions().isEmpty()) {
            return; // every record was applied before (a redelivery)
        }
        try {
            target.changeSink().apply(decoded.events(), new ArrayList<>(decoded.positions().values()));
        } catch (SinkException e) {
            // Another task may have created or altered a table meanwhile: read the definitions again.
            tables.reload();
            records.reset();
            if (e.transientFailure()) {
                throw new RetriableException(e.getMessage(), e);
            }
            throw new ConnectException(e.getMessage(), e);
        }
        decoded.tables().committed();
        decoded.positions().forEach((partition, position) ->
                applied.put(partition, TopicPositions.progress(position.offset())));
        rowsApplied += decoded.rows();
    }

    /** Only what PostgreSQL holds: Kafka's committed offsets never run ahead of the target. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        for (TopicPartition partition : current.keySet()) {
            TopicPositions.Progress progress = applied.get(partition);
            if (progress != null) {
                committed.put(partition, new OffsetAndMetadata(progress.nextOffset()));
            }
        }
        return committed;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        partitions.forEach(applied::remove);
    }

    @Override
    public void stop() {
        if (target != null) {
            target.close();
        }
        if (records != null) {
            LOG.info("Stopped after applying {} row changes; {} sent twice by the source connector were skipped",
                    rowsApplied, records.repeats());
        }
    }

    /**
     * A record whose row cannot be written exactly: to Connect's errant-record reporter when the connector has
     * one ({@code errors.tolerance=all} with a dead letter queue topic), waiting until Kafka has it, since the
     * offset past it commits with the batch; otherwise the task stops with the reason.
     */
    private void refuse(SinkRecord record, DataException failure) {
        ErrantRecordReporter reporter = context.errantRecordReporter();
        if (reporter == null) {
            throw failure;
        }
        try {
            reporter.report(record, failure).get();
            LOG.warn("Sent the record at {}-{}@{} to the errant-record reporter: {}", record.originalTopic(),
                    record.originalKafkaPartition(), record.originalKafkaOffset(), failure.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while reporting a refused record", e);
        } catch (ExecutionException e) {
            throw new RetriableException("the errant-record reporter failed: " + e.getCause(), e.getCause());
        }
    }

    private static DeadLetterListener deadLetters() {
        return (table, rows) -> LOG.warn("{} row change(s) of {} dead-lettered into tandem.dead_letter", rows, table);
    }
}
