package io.tandem.deploy.plan;

import io.tandem.connectors.mysql.plan.MigrationPlan;
import io.tandem.connectors.mysql.plan.MigrationPlan.TablePlan;
import io.tandem.engine.transform.IdentifierMapping;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The identifiers of a plan that {@code run} does not keep verbatim: the ones SQL on the target spells differently. */
final class PlanNames {

    private PlanNames() {
    }

    static List<IdentifierMapping> renamed(MigrationPlan plan) {
        Set<IdentifierMapping> renamed = new LinkedHashSet<>(); // a schema appears once per table
        for (TablePlan table : plan.tables()) {
            if (table.target() != null) {
                IdentifierMapping.of(table.target()).stream().filter(name -> !name.verbatim()).forEach(renamed::add);
            }
        }
        return List.copyOf(renamed);
    }

    /** {@code db}, {@code db.table}, {@code db.table.column}, {@code db.table index i}, as the source spells them. */
    static String source(IdentifierMapping name) {
        return switch (name.kind()) {
            case "schema" -> name.sourceDatabase();
            case "table" -> name.sourceDatabase() + "." + name.sourceTable();
            case "index" -> name.sourceDatabase() + "." + name.sourceTable() + " index " + name.sourceName();
            default -> name.sourceDatabase() + "." + name.sourceTable() + "." + name.sourceName();
        };
    }

    /** The target name quoted as SQL on PostgreSQL writes it. */
    static String target(IdentifierMapping name) {
        return "\"" + name.targetName().replace("\"", "\"\"") + "\"";
    }
}
