package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.SnapshotTarget;
import io.tandem.engine.status.SnapshotProgressTracker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every requested table the target has not completed yet, {@code parallelism} tables at a time, each in
 * its own consistent snapshot (see {@link TableCopy}). Largest tables start first, so the last one to finish is
 * rarely a big one started late.
 *
 * <p>The first failure stops the whole copy: the other copies are cancelled (their connections are dropped, their
 * target loads roll back) and the failure is rethrown naming its table. Tables committed before that stay
 * committed and are skipped on the next run.
 */
public final class SnapshotCopier {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopier.class);

    private final SourceConnections connections;
    private final ServerInfo server;
    private final SnapshotTarget target;
    private final SnapshotProgressTracker progress;
    private final SnapshotSettings settings;

    public SnapshotCopier(SourceConnections connections, ServerInfo server, SnapshotTarget target,
                          SnapshotProgressTracker progress, SnapshotSettings settings) {
        this.connections = connections;
        this.server = server;
        this.target = target;
        this.progress = progress;
        this.settings = settings;
    }

    /**
     * @throws SnapshotException naming the table whose copy failed first
     * @throws InterruptedException if the calling thread is interrupted; the copies are cancelled first
     */
    public SnapshotResult copy(List<SnapshotTable> tables) throws InterruptedException, SQLException {
        Map<TableId, Map<String, String>> completed = target.completedTables();
        Map<TableId, TableSnapshot> results = new HashMap<>();
        List<SnapshotTable> pending = new ArrayList<>();
        for (SnapshotTable table : tables) {
            TableId id = table.source().id();
            if (completed.containsKey(id)) {
                results.put(id, new TableSnapshot(id, completed.get(id), 0, false));
            } else {
                pending.add(table);
            }
        }
        Map<TableId, TableSize> sizes = sizes(pending);
        announce(results.keySet(), pending, sizes);
        pending.sort(Comparator.comparingLong((SnapshotTable t) -> dataLength(sizes, t)).reversed());
        LOG.info("Copying {} table(s) with {} in parallel; {} already copied", pending.size(),
                settings.parallelism(), results.size());
        for (TableSnapshot copied : run(pending, sizes)) {
            results.put(copied.table(), copied);
        }
        return new SnapshotResult(results);
    }

    private List<TableSnapshot> run(List<SnapshotTable> pending, Map<TableId, TableSize> sizes)
            throws InterruptedException {
        if (pending.isEmpty()) {
            return List.of();
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        Set<Connection> open = ConcurrentHashMap.newKeySet();
        TableCopy copier = new TableCopy(connections, server, settings, target, progress, cancelled::get, open);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallelism(), pending.size()),
                threadFactory());
        ExecutorCompletionService<TableSnapshot> completion = new ExecutorCompletionService<>(pool);
        Map<Future<TableSnapshot>, TableId> tableOf = new HashMap<>();
        try {
            for (SnapshotTable table : pending) {
                TableSize size = sizes.get(table.source().id());
                tableOf.put(completion.submit(() -> copier.copy(table, size)), table.source().id());
            }
            List<TableSnapshot> done = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Future<TableSnapshot> future = completion.take();
                try {
                    done.add(future.get());
                } catch (ExecutionException e) {
                    TableId failed = tableOf.get(future);
                    throw new SnapshotException(failed, "copy of " + failed + " failed: " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
            return done;
        } finally {
            // Runs on success too, when it has nothing left to stop.
            cancelled.set(true);
            pool.shutdownNow();
            open.forEach(SnapshotCopier::abortQuietly);
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private Map<TableId, TableSize> sizes(List<SnapshotTable> pending) throws SQLException {
        if (pending.isEmpty()) {
            return Map.of();
        }
        try (Connection connection = connections.open()) {
            return new SchemaReader(server).readSizes(connection, pending.stream().map(t -> t.source().id()).toList());
        }
    }

    private void announce(Set<TableId> alreadyCopied, List<SnapshotTable> pending, Map<TableId, TableSize> sizes) {
        for (SnapshotTable table : pending) {
            TableSize size = sizes.get(table.source().id());
            progress.pending(table.source().id().toString(), size == null ? 0 : size.estimatedRows());
        }
        for (TableId id : alreadyCopied) {
            progress.started(id.toString(), 0);
            progress.finished(id.toString());
        }
    }

    private static long dataLength(Map<TableId, TableSize> sizes, SnapshotTable table) {
        TableSize size = sizes.get(table.source().id());
        return size == null ? 0 : size.dataLength();
    }

    /** Drops a connection at once; a copy blocked reading from it fails and stops. Closed ones ignore it. */
    private static void abortQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Aborting a snapshot connection failed", e);
        }
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tandem-snapshot-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
