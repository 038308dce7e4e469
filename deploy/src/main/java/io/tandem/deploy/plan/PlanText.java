package io.tandem.deploy.plan;

import io.tandem.connectors.mysql.check.CheckResult;
import io.tandem.connectors.mysql.plan.MigrationPlan;
import io.tandem.connectors.mysql.plan.MigrationPlan.ColumnPlan;
import io.tandem.connectors.mysql.plan.MigrationPlan.Finding;
import io.tandem.connectors.mysql.plan.MigrationPlan.ForeignKey;
import io.tandem.connectors.mysql.plan.MigrationPlan.ObjectGroup;
import io.tandem.connectors.mysql.plan.MigrationPlan.SourceObject;
import io.tandem.connectors.mysql.plan.MigrationPlan.TablePlan;
import io.tandem.connectors.mysql.plan.ReplicatedTriggers;
import io.tandem.engine.transform.IdentifierMapping;
import io.tandem.sink.postgres.wayback.WayBackFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code tandem plan}'s terminal output: one section per topic, columns aligned, problems marked {@code FAIL}. */
public final class PlanText {

    private final StringBuilder out = new StringBuilder();

    private PlanText() {
    }

    public static String render(MigrationPlan plan) {
        return render(plan, null);
    }

    /** @param wayBack what the way back needs and cannot do; null when failback is not enabled */
    public static String render(MigrationPlan plan, WayBackPlan wayBack) {
        PlanText text = new PlanText();
        text.server(plan);
        text.estimate(plan);
        text.tables(plan);
        text.names(plan);
        text.unreplicated(plan);
        text.foreignKeys(plan);
        text.findings(plan);
        text.wayBack(wayBack);
        text.verdict(plan, wayBack);
        return text.out.toString();
    }

    private void server(MigrationPlan plan) {
        line("Source: " + plan.server().flavor() + " " + plan.server().version());
        section("Server checks");
        List<String[]> rows = new ArrayList<>();
        for (CheckResult check : plan.checks()) {
            rows.add(new String[] {check.ok() ? "ok" : "FAIL", check.name(), check.message()});
        }
        table(rows, "  ");
    }

    private void estimate(MigrationPlan plan) {
        MigrationPlan.SnapshotEstimate estimate = plan.estimate();
        section("Snapshot estimate");
        table(List.of(
                new String[] {"rows", "~" + number(estimate.totalRows()) + " (" + bytes(estimate.totalBytes()) + ")"},
                new String[] {"duration", "~" + duration(estimate.seconds()) + " at " + number(estimate.rowsPerSecond())
                        + " rows/s"},
                new String[] {"binlog retention", plan.retention().unlimited() ? "unlimited"
                        : duration(plan.retention().seconds()) + " (" + plan.retention().setting() + ")"},
                new String[] {estimate.retentionCovers() ? "ok" : "WARN", estimate.verdict()}), "  ");
    }

    private void tables(MigrationPlan plan) {
        section("Tables (" + plan.tables().size() + ")");
        for (TablePlan table : plan.tables()) {
            line("  " + table.database() + "." + table.table() + "  ~" + number(table.estimatedRows()) + " rows, "
                    + bytes(table.dataBytes()) + ", " + table.engine() + ", "
                    + (table.primaryKey().isEmpty() ? "NO PRIMARY KEY" : "key (" + String.join(", ", table.primaryKey()) + ")"));
            if (table.error() != null) {
                line("    FAIL cannot be mapped: " + table.error());
            }
            List<String[]> rows = new ArrayList<>();
            for (ColumnPlan column : table.columns()) {
                rows.add(new String[] {column.name(), column.sourceType(),
                        "-> " + (column.targetType() == null ? "?" : column.targetType())
                                + (column.nullable() ? "" : " not null") + overrideText(column),
                        column.valuePolicy() == null ? "" : column.valuePolicy()});
            }
            table(rows, "    ");
            for (String note : table.notes()) {
                line("    note: " + note);
            }
        }
    }

    private void names(MigrationPlan plan) {
        List<IdentifierMapping> renamed = PlanNames.renamed(plan);
        section("Names not kept verbatim (" + renamed.size() + ")");
        if (!renamed.isEmpty()) {
            line("  names.case and PostgreSQL's 63-byte limit give these identifiers other names on the target");
        }
        List<String[]> rows = new ArrayList<>();
        for (IdentifierMapping name : renamed) {
            rows.add(new String[] {name.kind(), PlanNames.source(name), "-> " + PlanNames.target(name)});
        }
        table(rows, "    ");
    }

    private static String overrideText(ColumnPlan column) {
        if (column.override() == null) {
            return "";
        }
        return "  (override from config" + (column.override().hasUsing() ? ", using " + column.override().using() : "")
                + ")";
    }

    private void unreplicated(MigrationPlan plan) {
        section("Not replicated");
        for (ObjectGroup group : plan.unreplicated()) {
            line("  " + group.kind() + "s (" + group.objects().size() + ")"
                    + (group.objects().isEmpty() ? "" : ": " + group.advice()));
            List<String[]> rows = new ArrayList<>();
            for (SourceObject object : group.objects()) {
                rows.add(new String[] {object.database() + "." + object.name(), object.detail()});
            }
            table(rows, "    ");
        }
    }

    private void foreignKeys(MigrationPlan plan) {
        section("Foreign keys (" + plan.foreignKeys().size() + ")");
        if (!plan.foreignKeys().isEmpty()) {
            line("  tandem creates none (rows of one source transaction may arrive in any table order);"
                    + " add them on PostgreSQL after cutover");
        }
        List<String[]> rows = new ArrayList<>();
        for (ForeignKey key : plan.foreignKeys()) {
            rows.add(new String[] {key.database() + "." + key.table(), key.name(),
                    "(" + String.join(", ", key.columns()) + ") -> "
                            + (key.referencedDatabase().equals(key.database()) ? "" : key.referencedDatabase() + ".")
                            + key.referencedTable()
                            + " (" + String.join(", ", key.referencedColumns()) + ")",
                    "ON UPDATE " + key.onUpdate(), "ON DELETE " + key.onDelete()});
        }
        table(rows, "    ");
    }

    private void findings(MigrationPlan plan) {
        section("Data scan");
        if (!plan.scanned()) {
            line("  not run (add --scan to count zero dates, NUL characters, TINYINT(1) values and TIME ranges)");
            return;
        }
        if (plan.findings().isEmpty()) {
            line("  nothing found");
        }
        for (Finding finding : plan.findings()) {
            line("  " + (finding.blocking() ? "FAIL " : "info ") + finding.database() + "." + finding.table() + "."
                    + finding.column() + "  " + finding.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": " + number(finding.count()) + " rows; " + finding.action());
        }
    }

    /** PostgreSQL's findings that need action, then what MySQL's triggers and foreign keys mean for the way back. */
    private void wayBack(WayBackPlan wayBack) {
        section("The way back (failback.enabled)");
        if (wayBack == null) {
            line("  not enabled (failback.enabled: false): the cutover is one-way");
            return;
        }
        if (wayBack.targetError() != null) {
            line("  cannot reach PostgreSQL at " + wayBack.target() + " (" + wayBack.targetError() + "); there,"
                    + " the way back needs:");
            WAY_BACK_NEEDS.forEach(need -> line("    - " + need));
        } else {
            List<WayBackFinding> shown = wayBack.findings().stream()
                    .filter(f -> f.verdict() != WayBackFinding.Verdict.PASS).toList();
            line("  PostgreSQL at " + wayBack.target() + ": " + (shown.isEmpty() ? "every check passes"
                    : (wayBack.findings().size() - shown.size()) + " checks pass; the others, each with its fix:"));
            List<String[]> rows = new ArrayList<>();
            for (WayBackFinding finding : shown) {
                rows.add(new String[] {finding.verdict().name(), finding.check(), finding.message()});
            }
            table(rows, "    ");
        }
        line("  Triggers on replicated tables (" + wayBack.triggers().size() + ")" + (wayBack.triggers().isEmpty() ? ""
                : ": MySQL fires them for every row the reverse stream writes after a cutover, on top of what"
                        + " PostgreSQL wrote, so MySQL drifts (the failback's verify step refuses where that shows in"
                        + " replicated tables); make them"
                        + " skip the cutover's admin login (the reverse stream writes as it) or drop them before the"
                        + " cutover"));
        List<String[]> triggers = new ArrayList<>();
        for (ReplicatedTriggers.Trigger trigger : wayBack.triggers()) {
            triggers.add(new String[] {trigger.database() + "." + trigger.table(), trigger.name(),
                    trigger.timing() + " " + trigger.event()});
        }
        table(triggers, "    ");
        line("  Foreign keys with referential actions (" + wayBack.referentialActions().size() + ")"
                + (wayBack.referentialActions().isEmpty() ? "" : ": the reverse stream writes with"
                        + " foreign_key_checks=0, so these do not fire on MySQL, which gets exactly PostgreSQL's rows;"
                        + " declare the same keys and actions on PostgreSQL after the cutover, or the rows they would"
                        + " change stay as they are on both sides"));
        List<String[]> keys = new ArrayList<>();
        for (ForeignKey key : wayBack.referentialActions()) {
            keys.add(new String[] {key.database() + "." + key.table(), key.name(), "ON DELETE " + key.onDelete(),
                    "ON UPDATE " + key.onUpdate()});
        }
        table(keys, "    ");
    }

    /** What {@code WayBackChecks} would check, for when PostgreSQL cannot be reached. */
    private static final List<String> WAY_BACK_NEEDS = List.of(
            "wal_level = logical (a restart)",
            "the REPLICATION attribute for tandem's role",
            "EXECUTE on pg_replication_origin_session_setup, pg_replication_origin_session_reset and"
                    + " pg_replication_origin_create (PostgreSQL 14 or later), or a superuser",
            "a free replication slot (max_replication_slots) and WAL sender (max_wal_senders), and room for"
                    + " snapshot.parallelism + 4 replication origins",
            "max_slot_wal_keep_size bounded, so that an abandoned reverse slot cannot fill the disk",
            "application roles (cutover.target-app-roles) that are not superusers, so that a REVOKE fences them",
            "PostgreSQL 16 or later to leave tandem's own writes out in the server (before 16 tandem does it)");

    private void verdict(MigrationPlan plan, WayBackPlan wayBack) {
        section("Result");
        long failedChecks = plan.checks().stream().filter(c -> !c.ok()).count();
        long unmapped = plan.tables().stream().filter(t -> t.error() != null).count();
        long blockingFindings = plan.findings().stream().filter(Finding::blocking).count();
        line(plan.blocked()
                ? "  BLOCKED: " + failedChecks + " failed checks, " + unmapped + " tables that cannot be mapped, "
                        + blockingFindings + " blocking data findings"
                : "  nothing blocks replication");
        if (wayBack != null && wayBack.failed() > 0) {
            line("  the way back cannot be armed: " + wayBack.failed() + " failed PostgreSQL checks; replication runs,"
                    + " but the cutover refuses until they are fixed (or failback.enabled: false)");
        }
    }

    /** Rows with every column but the last padded to the column's widest cell. */
    private void table(List<String[]> rows, String indent) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]) : row[i]);
            }
            line(line.toString().stripTrailing());
        }
    }

    private void section(String title) {
        out.append('\n').append(title).append('\n');
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d KiB", (n + 1023) / 1024);
    }

    static String duration(long seconds) {
        if (seconds >= 2 * 86_400) {
            return String.format(Locale.ROOT, "%.1f days", seconds / 86_400.0);
        }
        if (seconds >= 3_600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3_600.0);
        }
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
