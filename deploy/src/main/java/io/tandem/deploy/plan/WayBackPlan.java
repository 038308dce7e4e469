package io.tandem.deploy.plan;

import io.tandem.connectors.mysql.plan.MigrationPlan;
import io.tandem.connectors.mysql.plan.MigrationPlan.ForeignKey;
import io.tandem.connectors.mysql.plan.ReplicatedTriggers;
import io.tandem.connectors.mysql.plan.ReplicatedTriggers.Trigger;
import io.tandem.deploy.replication.ReverseReplication;
import io.tandem.engine.config.TandemConfig;
import io.tandem.engine.model.TableId;
import io.tandem.sink.postgres.wayback.WayBackChecks;
import io.tandem.sink.postgres.wayback.WayBackFinding;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What {@code tandem plan} says about the way back when {@code failback.enabled}: PostgreSQL's side checked as the
 * daemon checks it before arming ({@link WayBackChecks}), when the target can be reached; and, from MySQL, what the
 * reverse stream cannot do: triggers on replicated tables fire for the rows it writes, and referential actions do
 * not (it writes with {@code foreign_key_checks=0}).
 *
 * @param target PostgreSQL as {@code host:port/database}
 * @param targetError why PostgreSQL could not be reached, or null when the checks ran
 * @param findings every check's result; empty when the target could not be reached
 * @param triggers the triggers on replicated tables
 * @param referentialActions the foreign keys with an ON DELETE or ON UPDATE action other than RESTRICT/NO ACTION
 */
public record WayBackPlan(String target, String targetError, List<WayBackFinding> findings, List<Trigger> triggers,
                          List<ForeignKey> referentialActions) {

    /** The referential actions that change other rows, which MySQL skips while foreign_key_checks=0. */
    private static final Set<String> ACTIONS = Set.of("CASCADE", "SET NULL", "SET DEFAULT");

    public WayBackPlan {
        findings = List.copyOf(findings);
        triggers = List.copyOf(triggers);
        referentialActions = List.copyOf(referentialActions);
    }

    /** Reads both sides; only a failure to read the source throws (the target need not exist yet). */
    public static WayBackPlan assess(TandemConfig config, Connection source, MigrationPlan plan) throws SQLException {
        List<TableId> tables = plan.tables().stream().map(t -> new TableId(t.database(), t.table())).toList();
        List<Trigger> triggers = ReplicatedTriggers.on(source, tables);
        List<ForeignKey> actions = plan.foreignKeys().stream()
                .filter(key -> ACTIONS.contains(key.onDelete()) || ACTIONS.contains(key.onUpdate())).toList();
        String target = config.target().host() + ":" + config.target().port() + "/" + config.target().database();
        try (Connection connection = ReverseReplication.connector(config.target()).open()) {
            List<WayBackFinding> findings = new WayBackChecks(config.failback().slot(),
                    ReverseReplication.forwardOriginCount(config), config.cutover().targetAppRoles()).run(connection);
            return new WayBackPlan(target, null, findings, triggers, actions);
        } catch (SQLException e) {
            return new WayBackPlan(target, e.getMessage(), List.of(), triggers, actions);
        }
    }

    /** Checks that failed: the daemon would not arm the way back, and the cutover would refuse. */
    public long failed() {
        return findings.stream().filter(WayBackFinding::blocking).count();
    }
}
