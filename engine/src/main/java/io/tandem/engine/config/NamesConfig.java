package io.tandem.engine.config;

import io.tandem.engine.transform.NameCase;
import java.util.Objects;

/** How source identifiers are named on the target ({@code names:}). */
public record NamesConfig(NameCase nameCase) {

    public NamesConfig {
        Objects.requireNonNull(nameCase, "nameCase");
    }

    static NamesConfig read(Values v) {
        NameCase nameCase = v.get(Options.NAMES_CASE);
        return v.hasProblems() ? null : new NamesConfig(nameCase);
    }
}
