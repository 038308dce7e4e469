package io.tandem.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The way back ({@code failback:}): whether reverse replication PostgreSQL → MySQL is armed ahead of the cutover,
 * the slot and publication it reads, and the failback's budget and gate.
 *
 * <p>Enabled by default: a migration that cannot go back is the risk tandem exists to remove, and arming it days
 * ahead costs a slot and a publication. A target that cannot arm it (no {@code wal_level=logical}, no REPLICATION
 * attribute) keeps forward replication running; {@code plan}, the status and the cutover gate say why.
 *
 * @param slot the logical replication slot of the reverse stream
 * @param publication the publication it reads
 * @param maxRetainedWalBytes WAL the slot may hold back before the status raises an alarm
 */
public record FailbackConfig(boolean enabled, String slot, String publication, Duration maxPause, Duration maxLag,
                             long maxRetainedWalBytes) {

    public FailbackConfig {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(publication, "publication");
        Objects.requireNonNull(maxPause, "maxPause");
        Objects.requireNonNull(maxLag, "maxLag");
    }

    /** {@code tandem_<name>}, with the name's characters a slot cannot hold ({@code -}, capitals) made legal. */
    static String defaultSlotName(String instance) {
        String name = "tandem_" + instance.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    static FailbackConfig read(Values v, String instance) {
        String fallback = instance == null ? null : defaultSlotName(instance);
        String slot = v.optional(Options.FAILBACK_SLOT).orElse(fallback);
        String publication = v.optional(Options.FAILBACK_PUBLICATION).orElse(fallback);
        return v.hasProblems() ? null
                : new FailbackConfig(v.get(Options.FAILBACK_ENABLED), slot, publication,
                        v.get(Options.FAILBACK_MAX_PAUSE), v.get(Options.FAILBACK_MAX_LAG),
                        v.get(Options.FAILBACK_MAX_RETAINED_WAL));
    }
}
