package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.connectors.mysql.snapshot.CopiedRows;
import io.tandem.engine.config.VerifyConfig;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One verification pass over every replicated table: read the source's tables and the target's stored definitions
 * (the tables as tandem writes them), compare each table present in both, and sum up. Source tables the target has
 * no definition for, and the reverse, are noted rather than compared.
 */
public final class Verification {

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    /** Differences kept per table for the report; all are counted. */
    static final int MAX_REPORTED = 1000;

    private final VerifySetup setup;
    private final VerifyListener listener;

    public Verification(VerifySetup setup, VerifyListener listener) {
        this.setup = setup;
        this.listener = listener;
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
            LOG.warn("verification failed", e);
            error = "verification could not compare: " + e.getMessage();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        VerifyResult.Verdict verdict = error != null ? VerifyResult.Verdict.FAILED
                : tally.differenceCount > 0 ? VerifyResult.Verdict.DIFFERENT
                : !tally.unsettled.isEmpty() ? VerifyResult.Verdict.UNSETTLED : VerifyResult.Verdict.EQUAL;
        VerifyResult result = new VerifyResult(verdict, started, millis, tally.rows, tally.tables, tally.differences,
                tally.differenceCount, tally.unsettled, tally.notes, error);
        LOG.info("verification {}", result.summary());
        listener.passFinished(result);
        return result;
    }

    private void compareAll(Tally tally) throws SQLException, InterruptedException {
        VerifyConfig settings = setup.settings();
        Map<TableId, TargetTable> written = setup.state().tableDefinitions();
        try (Connection source = setup.source().open(); TargetSession target = new TargetSession(setup.target())) {
            ServerInfo server = ServerInfo.detect(source);
            List<SourceTable> tables = new SchemaReader(server).readTables(source, setup.databases(),
                    (db, table) -> setup.included().test(new TableId(db, table)));
            Map<String, Long> estimates = new LinkedHashMap<>();
            Map<TableId, TableSize> sizes = new SchemaReader(server).readSizes(source,
                    tables.stream().map(SourceTable::id).toList());
            sizes.forEach((id, size) -> estimates.put(id.toString(), size.estimatedRows()));
            Pace pace = new Pace(listener, settings.maxRowsPerSecond(), estimates);
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
                        settings.chunkRows(), settings.recheckRounds(), pace);
                try {
                    compare(check, table, definition, server, tally);
                } catch (UnsupportedOperationException e) {
                    tally.notes.add(table.id() + ": not compared, " + e.getMessage());
                }
            }
            Set<TableId> onSource = new HashSet<>(tables.stream().map(SourceTable::id).toList());
            written.keySet().stream().filter(id -> !onSource.contains(id) && setup.included().test(id))
                    .forEach(id -> tally.notes.add(id + ": on the target but no longer on the source; not compared"));
        }
    }

    private void compare(TableCheck check, SourceTable table, TargetTable definition, ServerInfo server, Tally tally)
            throws SQLException, InterruptedException {
        CompareSql sql = new CompareSql(definition);
        List<Observation> confirmed;
        List<String> unsettled;
        long rows;
        long untracked = 0;
        if (table.hasPrimaryKey() && definition.hasPrimaryKey()) {
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
