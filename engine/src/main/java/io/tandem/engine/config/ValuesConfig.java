package io.tandem.engine.config;

import io.tandem.engine.values.NulPolicy;
import io.tandem.engine.values.ValuePolicies;
import io.tandem.engine.values.ZeroDatePolicy;
import java.util.Objects;

/** What happens to source values PostgreSQL cannot hold ({@code values:}). */
public record ValuesConfig(ZeroDatePolicy zeroDates, NulPolicy nulCharacters) {

    public ValuesConfig {
        Objects.requireNonNull(zeroDates, "zeroDates");
        Objects.requireNonNull(nulCharacters, "nulCharacters");
    }

    public ValuePolicies policies() {
        return new ValuePolicies(zeroDates, nulCharacters);
    }

    static ValuesConfig read(Values v) {
        ZeroDatePolicy zeroDates = v.get(Options.VALUES_ZERO_DATES);
        NulPolicy nulCharacters = v.get(Options.VALUES_NUL_CHARACTERS);
        return v.hasProblems() ? null : new ValuesConfig(zeroDates, nulCharacters);
    }
}
