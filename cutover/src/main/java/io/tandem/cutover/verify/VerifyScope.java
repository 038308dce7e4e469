package io.tandem.cutover.verify;

import io.tandem.engine.model.TableId;
import java.util.List;
import java.util.Objects;

/**
 * What a pass that is not full compares: the keys and dirty tables of a {@link TouchedKeys.Snapshot}, and whether
 * both sides hold still while it runs.
 *
 * @param settled the cutover's case (source frozen, target drained): one exact round, no snapshots or waits, and
 *     every replicated table's row count compared too, since a key the tracker never saw (a row deleted by hand on
 *     the target) would otherwise go unnoticed
 */
public record VerifyScope(TouchedKeys.Snapshot touched, boolean settled) {

    public VerifyScope {
        Objects.requireNonNull(touched, "touched");
    }

    /** The changed rows while replication runs: snapshots, waits for the target and rechecks as in a full pass. */
    public static VerifyScope changed(TouchedKeys.Snapshot touched) {
        return new VerifyScope(touched, false);
    }

    /** The changed rows with both sides still, plus all row counts. */
    public static VerifyScope settled(TouchedKeys.Snapshot touched) {
        return new VerifyScope(touched, true);
    }

    String name() {
        return settled ? "changed, settled" : "changed";
    }

    boolean inFull(TableId table) {
        return touched.dirty().contains(table);
    }

    List<List<String>> keys(TableId table) {
        return touched.keys().getOrDefault(table, List.of());
    }
}
