package io.tandem.cutover.verify;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.connectors.mysql.snapshot.CopiedRows;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.values.ValuePolicies;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a table without a primary key as two multisets of rows: with no key there is no order to chunk by and
 * no row identity, so the whole table is staged from one snapshot (streamed; the stage lives on the target) and
 * {@code EXCEPT ALL} both ways finds the rows one side holds more copies of. A difference is confirmed when the
 * same surplus shows in two consecutive rounds; what shows in the last round only is unsettled.
 */
final class KeylessTable {

    /** A surplus of identical rows on one side. */
    private record Surplus(Difference.Kind kind, long copies, List<String> values) {
    }

    private final TableCheck check;
    private final CompareSql sql;
    private final SourceTable source;
    private final ValuePolicies policies;
    private final Flavor flavor;
    private final int fetchRows;
    private final List<Observation> confirmed = new ArrayList<>();
    private final List<String> unsettled = new ArrayList<>();
    private long compared;

    KeylessTable(TableCheck check, CompareSql sql, SourceTable source, ValuePolicies policies, Flavor flavor,
                 int fetchRows) {
        this.check = check;
        this.sql = sql;
        this.source = source;
        this.policies = policies;
        this.flavor = flavor;
        this.fetchRows = fetchRows;
    }

    void run() throws SQLException, InterruptedException {
        List<Surplus> previous = compare(true);
        if (check.settled()) {
            // Neither side changes while it is read: one round is exact.
            previous.forEach(s -> confirmed.add(observation(s)));
            return;
        }
        for (int round = 0; round < check.recheckRounds() && !previous.isEmpty(); round++) {
            List<Surplus> now = compare(false);
            List<Surplus> common = now.stream().filter(previous::contains).toList();
            if (common.size() == now.size() || round == check.recheckRounds() - 1) {
                common.forEach(s -> confirmed.add(observation(s)));
                now.stream().filter(s -> !common.contains(s)).forEach(s -> unsettled.add(render(s)));
                return;
            }
            previous = now;
        }
        // Only reached when the first round was equal or a later round found nothing left.
    }

    long rowsCompared() {
        return compared;
    }

    List<Observation> confirmed() {
        return confirmed;
    }

    List<String> unsettled() {
        return unsettled;
    }

    private List<Surplus> compare(boolean first) throws SQLException, InterruptedException {
        StageCopy stage = check.target().beginStage(sql);
        BinlogPosition position;
        long rows;
        try {
            position = check.beginSnapshot();
            CopiedRows.readAll(check.source(), flavor, source, sql.table(), policies, fetchRows,
                    (values, raw) -> {
                        if (values != null) {
                            stage.row(values);
                        }
                    });
            check.endSnapshot();
            rows = stage.finish();
        } catch (SQLException | RuntimeException e) {
            stage.cancel(e);
            check.target().rollbackQuietly(e);
            throw e;
        }
        check.awaitTarget(position);
        List<Surplus> surplus = new ArrayList<>();
        try (PreparedStatement compare = check.target().prepare(sql.compareMultisets())) {
            compare.setInt(1, DiffTracker.MAX_TRACKED + 1);
            try (ResultSet rs = compare.executeQuery()) {
                int width = sql.written().length;
                while (rs.next()) {
                    List<String> values = new ArrayList<>(width);
                    for (int i = 0; i < width; i++) {
                        values.add(rs.getString(i + 3));
                    }
                    Difference.Kind kind = rs.getString(1).equals("missing")
                            ? Difference.Kind.MISSING_ON_TARGET : Difference.Kind.EXTRA_ON_TARGET;
                    surplus.add(new Surplus(kind, rs.getLong(2), values));
                }
            }
        }
        check.target().endChunk();
        if (first) {
            compared += rows;
            check.compared(rows);
        }
        return surplus;
    }

    private Observation observation(Surplus surplus) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < surplus.values().size(); i++) {
            row.put(sql.column(i).name(), surplus.values().get(i));
        }
        Difference difference = new Difference(check.table(), surplus.kind(), Map.of(), null, null, null,
                withoutNulls(row), surplus.copies());
        return new Observation(render(surplus), Map.of(), null, null, List.of(difference));
    }

    private static Map<String, String> withoutNulls(Map<String, String> row) {
        Map<String, String> kept = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    private static String render(Surplus surplus) {
        return surplus.kind() + " x" + surplus.copies() + " " + surplus.values().stream().map(v -> Objects.toString(v,
                "NULL")).toList();
    }
}
