package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.connectors.mysql.snapshot.CopiedRows;
import io.tandem.engine.config.VerifyConfig;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One verification pass over every replicated table: read the source's tables and the target's stored definitions
 * (the tables as tandem writes them), compare each table present in both, and sum up. Source tables the target has
 * no definition for, and the reverse, are noted rather than compared.
 *
 * <p>A full pass compares every row. A pass with a {@link VerifyScope} compares only the listed keys of each table
 * ({@link ListedKeysTable}) and its dirty tables in full; a settled one also compares every table's row count.
 */
public final class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    /** Differences kept per table for the report; all are counted. */
    static final int MAX_REPORTED = 1000;

    private final VerifySetup setup;
    private final VerifyListener listener;
    /** Null for a full pass. */
    private final VerifyScope scope;
    /** The pass's connections while it runs, for {@link #abort()} from another thread. */
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private volatile boolean aborted;

    /** A full pass. */
    public Verification(VerifySetup setup, VerifyListener listener) {
        this(setup, listener, null);
    }

    /** @param scope what to compare; null for every row */
    public Verification(VerifySetup setup, VerifyListener listener, VerifyScope scope) {
        this.setup = setup;
        this.listener = listener;
        this.scope = scope;
    }

    /**
     * Ends a running pass from another thread at once: its connections are aborted, so a statement in flight fails
     * and the pass ends as failed (a time budget ran out).
     */
    public void abort() {
        aborted = true;
        for (Connection connection : open) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                LOG.debug("aborting a verification connection failed: {}", e.getMessage());
            }
        }
    }

    /** Runs the pass; failures (including a target that does not catch up) end it as {@code FAILED}. */
    public VerifyResult run() throws InterruptedException {
        Instant started = Instant.now();
        long start = System.nanoTime();
        Tally tally = new Tally();
        String error = null;
        try {
            compareAll(tally);
        } catch (TargetBehindException e) {
            error = e.getMessage();
        } catch (SQLException | RuntimeException e) {
            if (aborted) {
                error = "verification was aborted (its time budget ran out)";
            } else {
                LOG.warn("verification failed", e);
                error = "verification could not compare: " + e.getMessage();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        VerifyResult.Verdict verdict = error != null ? VerifyResult.Verdict.FAILED
                : tally.differenceCount > 0 ? VerifyResult.Verdict.DIFFERENT
                : !tally.unsettled.isEmpty() ? VerifyResult.Verdict.UNSETTLED : VerifyResult.Verdict.EQUAL;
        String scopeName = scope == null ? VerifyResult.FULL : scope.name();
        VerifyResult result = new VerifyResult(verdict, scopeName, started, millis, tally.rows, tally.tables,
                tally.differences, tally.differenceCount, tally.unsettled, tally.notes, error);
        LOG.info("verification {}", result.summary());
        listener.passFinished(result);
        return result;
    }

    private void compareAll(Tally tally) throws SQLException, InterruptedException {
        VerifyConfig settings = setup.settings();
        Map<TableId, TargetTable> written = setup.state().tableDefinitions();
        try (Connection source = setup.source().open(); TargetSession target = new TargetSession(setup.target())) {
            open.add(source);
            open.add(target.connection());
            if (aborted) {
                throw new SQLException("verification aborted");
            }
            ServerInfo server = ServerInfo.detect(source);
            List<SourceTable> tables = new SchemaReader(server).readTables(source, setup.databases(),
                    (db, table) -> setup.included().test(new TableId(db, table)));
            Map<String, Long> estimates = new LinkedHashMap<>();
            Map<TableId, TableSize> sizes = new SchemaReader(server).readSizes(source,
                    tables.stream().map(SourceTable::id).toList());
            sizes.forEach((id, size) -> estimates.put(id.toString(), size.estimatedRows()));
            // Inside the cutover's write pause nothing may slow the check down on purpose.
            Pace pace = new Pace(listener, settled() ? 0 : settings.maxRowsPerSecond(), estimates);
            TargetCatchUp catchUp = new TargetCatchUp(setup.state(), setup.partition(),
                    new BinlogScan(Set.copyOf(setup.databases()), setup.included()), settings.catchUpTimeout());
            for (SourceTable table : tables) {
                TargetTable definition = written.get(table.id());
                if (definition == null) {
                    tally.notes.add(table.id() + ": not compared, the target has no definition of it yet"
                            + " (not copied yet, or created after replication stopped)");
                    continue;
                }
                TableCheck check = new TableCheck(table.id().toString(), source, server, target, catchUp,
                        settings.chunkRows(), settings.recheckRounds(), pace, settled());
                compareTable(check, table, definition, server, tally);
            }
            Set<TableId> onSource = new HashSet<>(tables.stream().map(SourceTable::id).toList());
            written.keySet().stream().filter(id -> !onSource.contains(id) && setup.included().test(id))
                    .forEach(id -> tally.notes.add(id + ": on the target but no longer on the source; not compared"));
        }
    }

    private boolean settled() {
        return scope != null && scope.settled();
    }

    /**
     * One table as the scope says. Settled, the row counts come first: when they differ the table is compared in
     * full, which names the rows (a row deleted or added by hand on the target, where no key was tracked) and leaves
     * out rows tandem does not write (dead-lettered ones, which the source's count includes).
     */
    private void compareTable(TableCheck check, SourceTable table, TargetTable definition, ServerInfo server,
                              Tally tally) throws SQLException, InterruptedException {
        TableCounts counts = settled() ? countRows(check, table, definition) : null;
        boolean countsDiffer = counts != null && counts.source() != counts.target();
        long before = tally.differenceCount;
        try {
            if (countsDiffer) {
                tally.notes.add(table.id() + ": compared in full, its row counts differ (source " + counts.source()
                        + ", target " + counts.target() + ")");
                compare(check, table, definition, server, tally, null);
            } else {
                compareInScope(check, table, definition, server, tally);
            }
        } catch (UnsupportedOperationException e) {
            tally.notes.add(table.id() + ": not compared, " + e.getMessage());
            if (countsDiffer) {
                addDifference(tally, new Difference(check.table(), Difference.Kind.ROW_COUNT, Map.of(), null,
                        Long.toString(counts.source()), Long.toString(counts.target()), Map.of(), 1));
            }
            return;
        }
        if (countsDiffer && tally.differenceCount == before) {
            tally.notes.add(table.id() + ": every row tandem writes is equal; the source's other rows were"
                    + " dead-lettered by a value policy");
        }
    }

    /** The whole table, its listed keys, or nothing, as the scope says. */
    private void compareInScope(TableCheck check, SourceTable table, TargetTable definition, ServerInfo server,
                                Tally tally) throws SQLException, InterruptedException {
        if (scope == null) {
            compare(check, table, definition, server, tally, null);
            return;
        }
        if (scope.inFull(table.id())) {
            tally.notes.add(table.id() + ": compared in full (a TRUNCATE or schema change, a table without a key, or"
                    + " more changed keys than verify.max-tracked-keys)");
            compare(check, table, definition, server, tally, null);
            return;
        }
        List<List<String>> keys = scope.keys(table.id());
        if (keys.isEmpty()) {
            return;
        }
        if (!table.hasPrimaryKey() || !definition.hasPrimaryKey()) {
            // The tracker marks such tables dirty; a key that arrived before a change of key is no row identity now.
            compare(check, table, definition, server, tally, null);
            return;
        }
        try {
            new CompareSql(definition).requireKeyModeSupported();
        } catch (UnsupportedOperationException e) {
            tally.notes.add(table.id() + ": compared in full, the changed keys cannot be listed: " + e.getMessage());
            compare(check, table, definition, server, tally, null);
            return;
        }
        compare(check, table, definition, server, tally, keys);
    }

    private record TableCounts(long source, long target) {
    }

    /** Row counts on both sides; only for a settled scope, where neither side changes between the two reads. */
    private static TableCounts countRows(TableCheck check, SourceTable table, TargetTable definition)
            throws SQLException {
        long source;
        try (Statement count = check.source().createStatement();
             ResultSet rs = count.executeQuery("SELECT COUNT(*) FROM " + MySqlNames.quote(table.id()))) {
            rs.next();
            source = rs.getLong(1);
        }
        long target;
        try (PreparedStatement count = check.target().prepare(new CompareSql(definition).countRows());
             ResultSet rs = count.executeQuery()) {
            rs.next();
            target = rs.getLong(1);
        }
        check.target().endChunk();
        return new TableCounts(source, target);
    }

    private void addDifference(Tally tally, Difference difference) {
        tally.differenceCount++;
        if (tally.differences.size() < MAX_REPORTED) {
            tally.differences.add(difference);
        }
        listener.difference(difference);
    }

    /** @param keys the keys to compare, or null for the whole table */
    private void compare(TableCheck check, SourceTable table, TargetTable definition, ServerInfo server, Tally tally,
                         List<List<String>> keys) throws SQLException, InterruptedException {
        CompareSql sql = new CompareSql(definition);
        List<Observation> confirmed;
        List<String> unsettled;
        long rows;
        long untracked = 0;
        if (keys != null) {
            ListedKeysTable listed = new ListedKeysTable(check, sql, new CopiedRows(table, definition,
                    setup.policies()), keys);
            DiffTracker tracker = listed.run();
            confirmed = tracker.confirmed();
            unsettled = tracker.unsettled();
            untracked = tracker.untracked();
            rows = listed.rowsCompared();
        } else if (table.hasPrimaryKey() && definition.hasPrimaryKey()) {
            KeyedTable keyed = new KeyedTable(check, sql, new CopiedRows(table, definition, setup.policies()));
            DiffTracker tracker = keyed.run();
            confirmed = tracker.confirmed();
            unsettled = tracker.unsettled();
            untracked = tracker.untracked();
            rows = keyed.rowsCompared();
        } else {
            KeylessTable keyless = new KeylessTable(check, sql, table, setup.policies(), server.flavor(),
                    setup.fetchRows());
            keyless.run();
            confirmed = keyless.confirmed();
            unsettled = keyless.unsettled();
            rows = keyless.rowsCompared();
        }
        long differences = untracked;
        int reported = 0;
        for (Observation row : confirmed) {
            for (Difference difference : row.differences()) {
                differences++;
                if (reported++ < MAX_REPORTED) {
                    tally.differences.add(difference);
                    listener.difference(difference);
                }
            }
        }
        if (untracked > 0) {
            tally.notes.add(check.table() + ": more than " + DiffTracker.MAX_TRACKED + " rows differ; " + untracked
                    + " more were found but not rechecked or listed");
        }
        unsettled.forEach(key -> tally.unsettled.add(check.table() + " " + key));
        tally.rows += rows;
        tally.differenceCount += differences;
        tally.tables.add(new VerifyResult.TableResult(check.table(), rows, differences, unsettled.size()));
    }

    /** The pass's running totals. */
    private static final class Tally {
        long rows;
        long differenceCount;
        final List<VerifyResult.TableResult> tables = new ArrayList<>();
        final List<Difference> differences = new ArrayList<>();
        final List<String> unsettled = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
    }
}
