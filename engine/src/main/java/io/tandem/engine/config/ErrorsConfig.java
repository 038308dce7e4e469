package io.tandem.engine.config;

import java.util.Objects;

/** What happens to a row the target cannot take ({@code errors:}). */
public record ErrorsConfig(BadRowPolicy onBadRow) {

    public enum BadRowPolicy implements ConfigEnum { FAIL, DEAD_LETTER }

    public ErrorsConfig {
        Objects.requireNonNull(onBadRow, "onBadRow");
    }

    static ErrorsConfig read(Values v) {
        BadRowPolicy onBadRow = v.get(Options.ERRORS_ON_BAD_ROW);
        return v.hasProblems() ? null : new ErrorsConfig(onBadRow);
    }
}
