package io.tandem.engine.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * One table's snapshot progress. {@code state} is an enum rather than a string so a typo cannot invent a state;
 * in JSON it is the same upper-case word.
 *
 * @param rowsEstimated from table statistics while copying, so it can be lower than {@code rowsDone}
 * @param eta null when unknown: not started, no rate yet, or the estimate already exceeded; in JSON
 *     {@code etaSeconds}, a number, so clients need no duration parser
 */
public record TableProgress(
        String table,
        TableState state,
        long rowsDone,
        long rowsEstimated,
        double rowsPerSecond,
        @JsonProperty("etaSeconds") Duration eta) {

    public TableProgress {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(state, "state");
    }
}
