package io.tandem.connectors.mysql.plan;

import io.tandem.connectors.mysql.check.CheckResult;
import io.tandem.connectors.mysql.check.ServerChecks;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.plan.MigrationPlan.ColumnPlan;
import io.tandem.connectors.mysql.plan.MigrationPlan.Finding;
import io.tandem.connectors.mysql.plan.MigrationPlan.FindingKind;
import io.tandem.connectors.mysql.plan.MigrationPlan.ObjectGroup;
import io.tandem.connectors.mysql.plan.MigrationPlan.SourceObject;
import io.tandem.connectors.mysql.plan.MigrationPlan.TablePlan;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.connectors.mysql.schema.TableSize;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetNames;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.UnsupportedTypeException;
import io.tandem.engine.values.ValuePolicies;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Builds a {@link MigrationPlan} from the source alone, with the same checks, schema reader and table mapper
 * that {@code run} uses, so the plan describes exactly what {@code run} would do. Only reads: SHOW, SELECT on
 * {@code information_schema}, and with {@code scan} one aggregate SELECT per table.
 */
public final class PlanBuilder {

    /**
     * Snapshot rows per second the estimate assumes: the rate measured by {@code bench} (bench/README.md,
     * 4 × 500,000 rows at {@code snapshot.parallelism: 2}, 185,000 rows/s), rounded down for wider rows.
     */
    public static final long SNAPSHOT_ROWS_PER_SECOND = 150_000;

    static final String KEYLESS_NOTE = "no primary key: rows are matched by all their values, one physical row at"
            + " a time, so UPDATE and DELETE cost more than on keyed tables; add a primary key on the source if"
            + " you can";

    private final ServerInfo server;
    private final ColumnOverrides overrides;
    private final ValuePolicies policies;
    private final MySqlTableMapper mapper;
    /** Null: the control database's grants are not checked. */
    private String controlDatabase;

    /** With the default value policies. */
    public PlanBuilder(ServerInfo server, NameCase nameCase, ColumnOverrides overrides) {
        this(server, nameCase, overrides, ValuePolicies.DEFAULTS);
    }

    /**
     * @param nameCase {@code names.case}, so that the plan shows the names {@code run} gives
     * @param overrides the config's {@code columns:}, applied and checked against the source as {@code run} does
     * @param policies the value policies ({@code values:}) the plan says will apply
     */
    public PlanBuilder(ServerInfo server, NameCase nameCase, ColumnOverrides overrides, ValuePolicies policies) {
        this.server = server;
        this.overrides = overrides;
        this.policies = policies;
        this.mapper = new MySqlTableMapper(new TargetNames(nameCase), overrides);
    }

    /** Also checks the grants tandem's heartbeat and fence tables need on {@code database} (as {@code run} does). */
    public PlanBuilder checkingControlDatabase(String database) {
        this.controlDatabase = database;
        return this;
    }

    /**
     * @param include the table filter ({@code source.tables}), called with database and table name
     * @param scan whether to count problem values in the data ({@code --scan})
     */
    public MigrationPlan build(Connection connection, List<String> databases, BiPredicate<String, String> include,
                               boolean scan) throws SQLException {
        ServerChecks serverChecks = new ServerChecks(server, databases);
        if (controlDatabase != null) {
            serverChecks = serverChecks.withControlDatabase(controlDatabase);
        }
        List<CheckResult> checks = new ArrayList<>(serverChecks.run(connection));
        MigrationPlan.Retention retention = Retention.read(connection);
        SchemaReader reader = new SchemaReader(server);
        List<SourceTable> sources = reader.readTables(connection, databases, include);
        for (String problem : overrides.unmatched(sources)) {
            checks.add(new CheckResult("column override", false, problem));
        }
        Map<TableId, TableSize> sizes = reader.readSizes(connection, sources.stream().map(SourceTable::id).toList());
        SourceObjects objects = new SourceObjects(connection, databases);
        Map<TableId, String> engines = objects.engines();
        mapper.names().assignAll(databases, sources);

        List<TablePlan> tables = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (SourceTable source : sources) {
            tables.add(table(source, sizes.get(source.id()), engines.get(source.id())));
            if (scan) {
                DataScan.scan(connection, source, policies).stream().map(this::withOverride).forEach(findings::add);
            }
        }
        long rows = tables.stream().mapToLong(TablePlan::estimatedRows).sum();
        long bytes = tables.stream().mapToLong(TablePlan::dataBytes).sum();
        return new MigrationPlan(
                new MigrationPlan.Server(server.isMariaDb() ? "MariaDB" : "MySQL", server.version()),
                checks, retention, Retention.estimate(rows, bytes, retention), tables,
                unreplicated(objects, engines, include), objects.foreignKeys(include), scan, findings);
    }

    private TablePlan table(SourceTable source, TableSize size, String engine) {
        long rows = size == null ? 0 : Math.max(size.estimatedRows(), 0);
        long bytes = size == null ? 0 : Math.max(size.dataLength(), 0);
        TargetTable target = null;
        String error = null;
        try {
            target = mapper.map(source);
        } catch (UnsupportedTypeException e) {
            error = e.getMessage();
        }
        List<ColumnPlan> columns = new ArrayList<>();
        for (SourceColumn column : source.columns()) {
            TargetColumn mapped = mapped(target, column);
            columns.add(new ColumnPlan(column.name(), column.columnType(), targetType(mapped), column.nullable(),
                    overrides.find(source.id(), column.name()).orElse(null), mapped == null || !mapped.replicated()
                            ? null : PolicyNotes.forColumn(mapped, source.primaryKey().contains(column.name()),
                                    policies)));
        }
        List<String> notes = new ArrayList<>();
        if (!source.hasPrimaryKey()) {
            notes.add(KEYLESS_NOTE);
        }
        if (target != null) {
            notes.addAll(target.notes());
        }
        return new TablePlan(source.id().database(), source.id().table(), engine == null ? "" : engine, rows, bytes,
                source.primaryKey(), columns, notes, error, target);
    }

    /**
     * A TINYINT(1) holding values other than 0 and 1 is information for the exact mapping, but with an override
     * to boolean those rows would be refused: that blocks.
     */
    private Finding withOverride(Finding finding) {
        boolean toBoolean = overrides.find(new TableId(finding.database(), finding.table()), finding.column())
                .filter(o -> !o.hasUsing() && o.type().equalsIgnoreCase("boolean")).isPresent();
        if (finding.kind() != FindingKind.TINYINT1_NOT_BOOLEAN || !toBoolean) {
            return finding;
        }
        return new Finding(finding.database(), finding.table(), finding.column(), finding.kind(), finding.count(),
                true, "the override to boolean (columns:) refuses these rows (errors.on-bad-row decides what "
                        + "happens); set them to 0 or 1 on the source, or remove the override");
    }

    private static TargetColumn mapped(TargetTable target, SourceColumn column) {
        if (target == null) {
            return null;
        }
        for (TargetColumn mapped : target.columns()) {
            if (mapped.sourceName().equals(column.name())) {
                return mapped;
            }
        }
        return null;
    }

    private static String targetType(TargetColumn mapped) {
        if (mapped == null) {
            return null;
        }
        return mapped.identity() ? mapped.pgType() + " identity" : mapped.pgType();
    }

    private static List<ObjectGroup> unreplicated(SourceObjects objects, Map<TableId, String> engines,
                                                  BiPredicate<String, String> include) throws SQLException {
        List<SourceObject> filtered = new ArrayList<>();
        List<SourceObject> nonInnoDb = new ArrayList<>();
        engines.forEach((id, engine) -> {
            if (!include.test(id.database(), id.table())) {
                filtered.add(new SourceObject(id.database(), id.table(), ""));
            } else if (engine != null && !engine.equalsIgnoreCase("InnoDB")) {
                nonInnoDb.add(new SourceObject(id.database(), id.table(), engine));
            }
        });
        return List.of(
                new ObjectGroup("view", "not replicated: recreate each view on PostgreSQL by hand (its SQL may"
                        + " need translating)", objects.views()),
                new ObjectGroup("trigger", "not replicated: they fire on the source and their effects arrive as"
                        + " rows, so creating them on PostgreSQL before cutover would apply them twice; rewrite them"
                        + " for PostgreSQL and create them at cutover (only listed when the account has the TRIGGER"
                        + " privilege)", objects.triggers()),
                new ObjectGroup("routine", "stored procedures and functions are not replicated: rewrite them in"
                        + " PL/pgSQL before cutover", objects.routines()),
                new ObjectGroup("event", "scheduled events are not replicated: move the schedule (pg_cron or an"
                        + " external scheduler) at cutover; until then they run on the source",
                        objects.events()),
                new ObjectGroup("filtered table", "skipped by source.tables: not created or copied", filtered),
                new ObjectGroup("non-InnoDB table", "no consistent snapshot (MyISAM/Aria): rows written during the"
                        + " copy may be missed or doubled; convert to InnoDB or stop writes while it is copied",
                        nonInnoDb));
    }
}
