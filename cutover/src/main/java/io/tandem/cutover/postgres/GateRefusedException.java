package io.tandem.cutover.postgres;

import java.util.List;

/** The application's roles cannot be fenced by grants; {@link #reasons()} says why, one sentence per problem. */
public final class GateRefusedException extends IllegalStateException {

    private final transient List<String> reasons;

    GateRefusedException(List<String> reasons) {
        super("the target's application roles cannot be fenced by grants: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
