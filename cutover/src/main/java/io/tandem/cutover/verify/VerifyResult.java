package io.tandem.cutover.verify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one pass.
 *
 * @param scope what the pass compared: {@code full} (every row), {@code changed} (the rows replicated since the last
 *     full pass began, tables marked dirty in full) or {@code changed, settled} (the same inside the cutover's write
 *     pause, with every table's row count)
 * @param differences the confirmed differences, at most {@link Verification#MAX_REPORTED} per table
 * @param differenceCount all confirmed differences, including those beyond the reported ones
 * @param unsettled keys whose source row changed in every round (a hot row); not differences
 * @param notes tables not compared and why (not yet created on the target, no longer on the source)
 * @param error why the pass could not compare, for {@link Verdict#FAILED}; null otherwise
 */
public record VerifyResult(Verdict verdict, String scope, Instant started, long millis, long rows, List<TableResult> tables,
                           List<Difference> differences, long differenceCount, List<String> unsettled,
                           List<String> notes, String error) {

    /** {@link #scope()} of a pass that compared every row. */
    public static final String FULL = "full";

    public enum Verdict {
        /** Every row compared equal. */
        EQUAL,
        /** No difference, but some rows kept changing on the source and could not be compared settled. */
        UNSETTLED,
        /** At least one confirmed difference. */
        DIFFERENT,
        /** The pass could not compare (an error, or the target did not catch up). */
        FAILED
    }

    /** One table: rows compared, confirmed differences, unsettled keys. */
    public record TableResult(String table, long rows, long differences, long unsettled) {
    }

    public VerifyResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(scope, "scope");
        tables = List.copyOf(tables);
        differences = List.copyOf(differences);
        unsettled = List.copyOf(unsettled);
        notes = List.copyOf(notes);
    }

    public long rowsPerSecond() {
        return rows * 1000 / Math.max(1, millis);
    }

    /**
     * {@code DIFFERENT: 120000 rows in 1.3 s (92307 rows/s), 2 differences, 0 unsettled}; a pass that was not full
     * names its scope after the verdict ({@code EQUAL (changed): …}).
     */
    public String summary() {
        return verdict + (scope.equals(FULL) ? "" : " (" + scope + ")") + ": " + rows + " rows in "
                + String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0) + " s (" + rowsPerSecond() + " rows/s), " + differenceCount + " difference(s), " + unsettled.size()
                + " unsettled" + (notes.isEmpty() ? "" : ", " + notes.size() + " note(s)")
                + (error == null ? "" : "; " + error);
    }
}
