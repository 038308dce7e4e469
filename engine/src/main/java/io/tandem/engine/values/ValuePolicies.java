package io.tandem.engine.values;

import java.util.Objects;

/** The configured policy for each kind of value PostgreSQL cannot hold ({@code values:}). */
public record ValuePolicies(ZeroDatePolicy zeroDates, NulPolicy nulCharacters) {

    /** The defaults: zero dates become NULL (or {@code -infinity} where NOT NULL), NUL characters are removed. */
    public static final ValuePolicies DEFAULTS = new ValuePolicies(ZeroDatePolicy.NULL, NulPolicy.STRIP);

    public ValuePolicies {
        Objects.requireNonNull(zeroDates, "zeroDates");
        Objects.requireNonNull(nulCharacters, "nulCharacters");
    }
}
