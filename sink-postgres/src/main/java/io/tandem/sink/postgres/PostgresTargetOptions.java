package io.tandem.sink.postgres;

import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.DeadLetterListener;
import io.tandem.engine.values.ValuePolicyListener;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link PostgresTarget}. Values out of range are refused, never adjusted.
 *
 * @param snapshotParallelism how many tables are copied at once; the pool holds this many connections plus two
 *     (one for the change sink, one for state reads)
 * @param maxRowsPerStatement rows per set-based statement (the length of each array parameter); a table's
 *     pending changes are written when they reach this many keys
 * @param copyBufferBytes the COPY buffer of each table load, handed to the server whenever it fills
 * @param onBadRow what happens to a row change PostgreSQL refuses as data
 * @param deadLetterListener told about dead-lettered rows after they commit
 * @param connectionTimeout how long to wait for a connection from the pool before failing (transiently)
 * @param valuePolicyListener told about rows value policies changed or dead-lettered, after they commit
 * @param tagWithForwardOrigins whether every pooled session tags its commits with a forward replication origin
 *     ({@link io.tandem.sink.postgres.wayback.ForwardOrigins}), so that the way back's reverse stream can leave
 *     tandem's own writes out; the origins must exist before the pool opens
 */
public record PostgresTargetOptions(
        int snapshotParallelism,
        int maxRowsPerStatement,
        int copyBufferBytes,
        BadRowPolicy onBadRow,
        DeadLetterListener deadLetterListener,
        Duration connectionTimeout,
        ValuePolicyListener valuePolicyListener,
        boolean tagWithForwardOrigins) {

    public static final int DEFAULT_SNAPSHOT_PARALLELISM = 2;
    public static final int DEFAULT_MAX_ROWS_PER_STATEMENT = 50_000;
    public static final int DEFAULT_COPY_BUFFER_BYTES = 256 * 1024;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    public PostgresTargetOptions {
        requireAtLeast("snapshotParallelism", snapshotParallelism, 1);
        requireAtLeast("maxRowsPerStatement", maxRowsPerStatement, 1);
        requireAtLeast("copyBufferBytes", copyBufferBytes, 1024);
        Objects.requireNonNull(onBadRow, "onBadRow");
        Objects.requireNonNull(deadLetterListener, "deadLetterListener");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(valuePolicyListener, "valuePolicyListener");
        if (connectionTimeout.toMillis() < 250) {
            // HikariCP's own minimum; below it HikariCP would silently use its default instead.
            throw new IllegalArgumentException("connectionTimeout must be at least 250ms, got " + connectionTimeout);
        }
    }

    public static PostgresTargetOptions defaults() {
        return new PostgresTargetOptions(DEFAULT_SNAPSHOT_PARALLELISM, DEFAULT_MAX_ROWS_PER_STATEMENT,
                DEFAULT_COPY_BUFFER_BYTES, BadRowPolicy.FAIL, DeadLetterListener.NONE, DEFAULT_CONNECTION_TIMEOUT,
                ValuePolicyListener.NONE, false);
    }

    public PostgresTargetOptions withSnapshotParallelism(int value) {
        return new PostgresTargetOptions(value, maxRowsPerStatement, copyBufferBytes, onBadRow, deadLetterListener,
                connectionTimeout, valuePolicyListener, tagWithForwardOrigins);
    }

    public PostgresTargetOptions withMaxRowsPerStatement(int value) {
        return new PostgresTargetOptions(snapshotParallelism, value, copyBufferBytes, onBadRow, deadLetterListener,
                connectionTimeout, valuePolicyListener, tagWithForwardOrigins);
    }

    public PostgresTargetOptions withCopyBufferBytes(int value) {
        return new PostgresTargetOptions(snapshotParallelism, maxRowsPerStatement, value, onBadRow,
                deadLetterListener, connectionTimeout, valuePolicyListener, tagWithForwardOrigins);
    }

    public PostgresTargetOptions withOnBadRow(BadRowPolicy value) {
        return new PostgresTargetOptions(snapshotParallelism, maxRowsPerStatement, copyBufferBytes, value,
                deadLetterListener, connectionTimeout, valuePolicyListener, tagWithForwardOrigins);
    }

    public PostgresTargetOptions withDeadLetterListener(DeadLetterListener value) {
        return new PostgresTargetOptions(snapshotParallelism, maxRowsPerStatement, copyBufferBytes, onBadRow, value,
                connectionTimeout, valuePolicyListener, tagWithForwardOrigins);
    }

    public PostgresTargetOptions withConnectionTimeout(Duration value) {
        return new PostgresTargetOptions(snapshotParallelism, maxRowsPerStatement, copyBufferBytes, onBadRow,
                deadLetterListener, value, valuePolicyListener, tagWithForwardOrigins);
    }

    public PostgresTargetOptions withValuePolicyListener(ValuePolicyListener value) {
        return new PostgresTargetOptions(snapshotParallelism, maxRowsPerStatement, copyBufferBytes, onBadRow,
                deadLetterListener, connectionTimeout, value, tagWithForwardOrigins);
    }

    /** Connections the pool holds: one per copier thread, one for the change sink, one for state reads. */
    public PostgresTargetOptions withForwardOrigins(boolean value) {
        return new PostgresTargetOptions(snapshotParallelism, maxRowsPerStatement, copyBufferBytes, onBadRow,
                deadLetterListener, connectionTimeout, valuePolicyListener, value);
    }

    /** Forward origins the pool may hold at once: one per pooled session, plus two for sessions PostgreSQL has not
     * noticed are gone yet (an origin is free again only once its backend exited). */
    public int forwardOriginCount() {
        return poolSize() + 2;
    }

    public int poolSize() {
        return snapshotParallelism + 2;
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
    }
}
