package io.tandem.engine.config;

import java.util.Objects;

/** What happens to a source schema change tandem cannot translate exactly ({@code ddl:}). */
public record DdlConfig(UnsupportedDdlPolicy onUnsupported) {

    /**
     * {@code RESYNC} copies the table again from the source, online, and swaps the copy in (the source holds the
     * exact result of any statement); {@code FAIL} stops the pipeline naming the statement and its position;
     * {@code SKIP} records the statement in {@code tandem.skipped_ddl}, counts it and goes on with the target table
     * unchanged.
     */
    public enum UnsupportedDdlPolicy implements ConfigEnum { RESYNC, FAIL, SKIP }

    public DdlConfig {
        Objects.requireNonNull(onUnsupported, "onUnsupported");
    }

    static DdlConfig read(Values v) {
        UnsupportedDdlPolicy onUnsupported = v.get(Options.DDL_ON_UNSUPPORTED);
        return v.hasProblems() ? null : new DdlConfig(onUnsupported);
    }
}
