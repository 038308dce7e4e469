package io.tandem.deploy.it.types;

import io.tandem.demo.servers.Flavor;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One source table of the type suite: its cases (one row each), generated columns computed from the first
 * column, and the server flavour it needs, if any.
 *
 * @param name the table name
 * @param cases one row per case; cases with the same definition share a column
 * @param generated columns the source computes from column {@code c1} (the first case's definition)
 * @param onlyOn the flavour that has these types, or null for both
 * @param whyOnly why the other flavour lacks them (the skip reason)
 */
record TypeFamily(String name, List<TypeCase> cases, List<Generated> generated, Flavor onlyOn, String whyOnly) {

    /**
     * A generated column: its definition refers to {@code c1}; {@code expected} turns the PostgreSQL text of
     * {@code c1} (null for NULL) into this column's PostgreSQL text.
     */
    record Generated(String name, String definition, UnaryOperator<String> expected) {
    }

    static TypeFamily of(String name, TypeCase... cases) {
        return new TypeFamily(name, List.of(cases), List.of(), null, null);
    }

    TypeFamily withGenerated(Generated... columns) {
        return new TypeFamily(name, cases, List.of(columns), onlyOn, whyOnly);
    }

    TypeFamily onlyOn(Flavor flavor, String why) {
        return new TypeFamily(name, cases, generated, flavor, why);
    }

    /** Why this family cannot run on {@code flavor}, if it cannot. */
    Optional<String> unsupportedOn(Flavor flavor) {
        return onlyOn == null || onlyOn == flavor ? Optional.empty()
                : Optional.of(name + " runs on " + onlyOn + " only: " + whyOnly);
    }
}
