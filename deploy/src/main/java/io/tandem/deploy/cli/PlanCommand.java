package io.tandem.deploy.cli;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoints;
import io.tandem.connectors.mysql.plan.MigrationPlan;
import io.tandem.connectors.mysql.plan.PlanBuilder;
import io.tandem.deploy.plan.PlanDdl;
import io.tandem.deploy.plan.PlanJson;
import io.tandem.deploy.plan.PlanText;
import io.tandem.deploy.plan.WayBackPlan;
import io.tandem.engine.config.SourceConfig;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.values.ValuePolicies;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem plan}: the read-only assessment before a migration. Reads the source; with {@code failback.enabled}
 * also checks PostgreSQL for the way back when it can be reached (it need not exist yet: the plan then lists what
 * the way back will need). Exit code 0 when nothing blocks replication, 1 when something does (or the source cannot
 * be read), 2 for a bad config, so it can gate CI; the way back's findings are reported without changing it.
 */
@Command(name = "plan", description = "Assess a source before migrating: checks, tables and type mapping, objects"
        + " tandem does not replicate, snapshot estimate, what the way back needs. Writes to neither database.")
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile config;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Option(names = "--ddl", description = "Print only the PostgreSQL DDL that run would execute.")
    boolean ddl;

    @Option(names = "--scan", description = "Also count problem values in the data (one aggregate query per table).")
    boolean scan;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<TandemConfig> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return ConfigFile.INVALID;
        }
        TandemConfig parsed = loaded.get();
        Assessed assessed;
        try {
            assessed = build(parsed);
        } catch (SQLException e) {
            err.println("cannot read the source: " + e.getMessage());
            return 1;
        }
        MigrationPlan plan = assessed.plan();
        PrintWriter out = spec.commandLine().getOut();
        out.print(ddl ? PlanDdl.render(plan) : json ? PlanJson.render(plan, assessed.wayBack())
                : PlanText.render(plan, assessed.wayBack()));
        out.flush();
        return plan.blocked() ? 1 : 0;
    }

    /** @param wayBack null when failback is not enabled, or only the DDL is asked for */
    private record Assessed(MigrationPlan plan, WayBackPlan wayBack) {
    }

    private Assessed build(TandemConfig config) throws SQLException {
        SourceConfig source = config.source();
        SourceConnections connections = new SourceConnections(SourceEndpoints.fromConfig(source));
        try (Connection connection = connections.open()) {
            // Read-only at the session level too: nothing plan runs can write to the source.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION TRANSACTION READ ONLY");
            }
            ServerInfo server = ServerInfo.detect(connection);
            MigrationPlan plan = new PlanBuilder(server, config.names().nameCase(), config.columns(),
                    config.values().policies())
                    .checkingControlDatabase(source.controlDatabase())
                    .build(connection, source.databases(), source.tables()::includes, scan);
            boolean wayBack = config.failback().enabled() && !ddl;
            return new Assessed(plan, wayBack ? WayBackPlan.assess(config, connection, plan) : null);
        }
    }
}
