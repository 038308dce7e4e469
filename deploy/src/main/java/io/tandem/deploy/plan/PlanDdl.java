package io.tandem.deploy.plan;

import io.tandem.connectors.mysql.plan.MigrationPlan;
import io.tandem.connectors.mysql.plan.MigrationPlan.TablePlan;
import io.tandem.sink.postgres.ddl.TableDdl;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code tandem plan --ddl}: the statements {@code run} executes on the target for the replicated tables, rendered
 * by the sink's own {@link TableDdl} so that what is reviewed is what runs. tandem's own state tables (schema
 * {@code tandem}) are not included.
 */
public final class PlanDdl {

    private PlanDdl() {
    }

    public static String render(MigrationPlan plan) {
        StringBuilder out = new StringBuilder();
        Set<String> schemas = new LinkedHashSet<>();
        for (TablePlan table : plan.tables()) {
            if (table.target() == null) {
                out.append("-- ").append(table.database()).append('.').append(table.table())
                        .append(" cannot be mapped: ").append(table.error().replace('\n', ' ')).append("\n\n");
                continue;
            }
            // run issues CREATE SCHEMA IF NOT EXISTS per table; once per schema says the same.
            if (schemas.add(table.target().schema())) {
                out.append(TableDdl.createSchema(table.target())).append(";\n\n");
            }
            out.append(TableDdl.createTable(table.target())).append(";\n");
            for (String index : TableDdl.createIndexes(table.target())) {
                out.append(index).append(";\n");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
