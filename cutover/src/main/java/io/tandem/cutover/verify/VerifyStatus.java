package io.tandem.cutover.verify;

import java.time.Instant;

/**
 * The verification part of the daemon's {@code /status}: whether a pass runs, where it stands, and the last result.
 *
 * @param state {@code idle}, {@code running} or {@code waiting} (continuous mode, between passes)
 * @param progress the running pass's progress, or null
 * @param passes passes completed since the daemon started
 * @param last the last completed pass, or null
 * @param lastFull the last completed pass that compared every row, or null
 * @param nextPass when the next pass starts in continuous mode, or null
 */
public record VerifyStatus(String state, String mode, VerifyProgress progress, long passes, VerifyResult last,
                           VerifyResult lastFull, Instant nextPass) {
}
