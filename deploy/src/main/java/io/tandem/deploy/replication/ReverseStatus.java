package io.tandem.deploy.replication;

import io.tandem.connectors.postgres.stream.RogueWrite;
import java.util.List;

/**
 * The way back as {@code /status} shows it.
 *
 * @param phase {@link ReverseReplication.Phase}
 * @param mode SHADOW (rogue writes reported, not applied) or APPLY
 * @param slotBlockers while the slot is being created: the transactions it waits for
 * @param retainedWalBytes WAL the slot holds back on PostgreSQL
 * @param forwardEventsFiltered changes tandem's forward sink wrote, left out by their origin
 * @param rogueWrites other writes to replicated tables seen in shadow mode; the latest in {@code recentRogueWrites}
 * @param findings the checks that did not simply pass
 */
public record ReverseStatus(boolean enabled, String phase, String reason, String mode, String state,
                            String appliedPosition, String slot, List<String> slotBlockers,
                            Long retainedWalBytes, boolean retainedWalAlarm, String confirmedFlushLsn,
                            long forwardEventsFiltered, long rogueWrites, List<RogueWrite> recentRogueWrites,
                            Double lagSeconds, Double lagP99Seconds, long heartbeatFailures,
                            List<String> findings) {
}
