package io.tandem.engine.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password or token. It prints as {@code ****} everywhere (toString, records that contain it,
 * Jackson serialisation), so the only way to get the value is an explicit, greppable {@link #reveal()}.
 */
public final class Secret {
    static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The real value; call it only where the value leaves tandem (a JDBC connect, an auth check). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Constant-time comparison, so checking a bearer token does not leak how much of it matched. */
    public boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.matches(value);
    }

    /** Constant: a hash of the value would be a (weak) fingerprint of it in heap dumps and logs. */
    @Override
    public int hashCode() {
        return 1;
    }

    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }
}
