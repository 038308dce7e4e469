package io.tandem.connectors.mysql.plan;

import io.tandem.connectors.mysql.jdbc.MySqlNames;
import io.tandem.connectors.mysql.plan.MigrationPlan.Finding;
import io.tandem.connectors.mysql.plan.MigrationPlan.FindingKind;
import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.values.ValuePolicies;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code plan --scan}: one aggregate query per table, counting per column the values tandem cannot copy as they
 * are or that the operator should know about. The server does the counting in one pass over the table; no row
 * reaches Java.
 */
final class DataScan {

    private record Probe(SourceColumn column, FindingKind kind, String condition) {
    }

    private DataScan() {
    }

    static List<Finding> scan(Connection connection, SourceTable table, ValuePolicies policies) throws SQLException {
        List<Probe> probes = probes(table);
        if (probes.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < probes.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("COALESCE(SUM(").append(probes.get(i).condition()).append("), 0)");
        }
        sql.append(" FROM ").append(MySqlNames.quote(table.id()));
        List<Finding> findings = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < probes.size(); i++) {
                Finding finding = finding(table, probes.get(i), rs.getLong(i + 1), policies);
                if (finding != null) {
                    findings.add(finding);
                }
            }
        }
        return findings;
    }

    private static List<Probe> probes(SourceTable table) {
        List<Probe> probes = new ArrayList<>();
        for (SourceColumn column : table.columns()) {
            String c = MySqlNames.quote(column.name());
            String type = column.columnType().toLowerCase(Locale.ROOT);
            String base = type.split("[ (]", 2)[0];
            switch (base) {
                // The text form is compared, not MONTH()/DAY(): those return NULL for zero dates in some modes.
                case "date", "datetime", "timestamp" -> probes.add(new Probe(column, FindingKind.ZERO_DATE,
                        "LEFT(CAST(" + c + " AS CHAR), 4) = '0000' OR SUBSTRING(CAST(" + c + " AS CHAR), 6, 2) = '00'"
                                + " OR SUBSTRING(CAST(" + c + " AS CHAR), 9, 2) = '00'"));
                case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> probes.add(
                        new Probe(column, FindingKind.NUL_CHARACTER, "LOCATE(CHAR(0), " + c + ") > 0"));
                case "tinyint" -> {
                    if (type.startsWith("tinyint(1)")) {
                        probes.add(new Probe(column, FindingKind.TINYINT1_NOT_BOOLEAN, c + " NOT IN (0, 1)"));
                    }
                }
                case "time" -> probes.add(new Probe(column, FindingKind.TIME_OUTSIDE_DAY,
                        c + " < '00:00:00' OR " + c + " >= '24:00:00'"));
                default -> {
                }
            }
        }
        return probes;
    }

    /** What tandem will do with what was counted; null when there is nothing to report. */
    private static Finding finding(SourceTable table, Probe probe, long count, ValuePolicies policies) {
        String db = table.id().database();
        String name = table.id().table();
        String column = probe.column().name();
        return switch (probe.kind()) {
            case ZERO_DATE -> count == 0 ? null : zeroDates(table, probe.column(), count, policies);
            case NUL_CHARACTER -> count == 0 ? null : nulCharacters(table, column, count, policies);
            case TINYINT1_NOT_BOOLEAN -> count == 0 ? null : new Finding(db, name, column,
                    FindingKind.TINYINT1_NOT_BOOLEAN, count, false,
                    "copied unchanged into smallint; the column is not a boolean, so do not convert it to one");
            case TIME_OUTSIDE_DAY, TIME_WITHIN_DAY -> count == 0
                    ? new Finding(db, name, column, FindingKind.TIME_WITHIN_DAY, 0, false,
                            "every value lies within 00:00..24:00; tandem writes interval, which could become time"
                                    + " after cutover")
                    : new Finding(db, name, column, FindingKind.TIME_OUTSIDE_DAY, count, false,
                            "values outside 00:00..24:00 (negative or 24h and more); interval holds them exactly,"
                                    + " PostgreSQL time could not");
        };
    }

    private static Finding nulCharacters(SourceTable table, String column, long count, ValuePolicies policies) {
        boolean stops = PolicyNotes.nulCharactersStop(table.primaryKey().contains(column), policies);
        String action = "PostgreSQL text cannot hold NUL: "
                + PolicyNotes.nulCharacters(table.primaryKey().contains(column), policies)
                + (stops ? ". Fix on the source before running: UPDATE … SET " + MySqlNames.quote(column)
                        + " = REPLACE(" + MySqlNames.quote(column) + ", CHAR(0), ''), or choose another policy" : "");
        return new Finding(table.id().database(), table.id().table(), column, FindingKind.NUL_CHARACTER, count, stops,
                action);
    }

    private static Finding zeroDates(SourceTable table, SourceColumn column, long count, ValuePolicies policies) {
        boolean key = table.primaryKey().contains(column.name());
        boolean fail = PolicyNotes.zeroDatesStop(key, policies);
        String base = column.columnType().toLowerCase(Locale.ROOT).split("[ (]", 2)[0];
        String action = "PostgreSQL has no zero or partial-zero dates: "
                + PolicyNotes.zeroDates(column.nullable(), key, policies)
                + (fail ? ". Fix on the source before running (set them to NULL or a real date), or choose another"
                        + " policy" : "")
                + (column.nullable() && !base.equals("timestamp") ? "; " + PolicyNotes.STREAMED_AS_NULL : "");
        return new Finding(table.id().database(), table.id().table(), column.name(), FindingKind.ZERO_DATE, count,
                fail, action);
    }
}
