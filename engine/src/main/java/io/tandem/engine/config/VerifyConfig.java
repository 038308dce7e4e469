package io.tandem.engine.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Online verification of the target against the source ({@code verify:}).
 *
 * @param chunkRows rows per chunk, each read in its own consistent snapshot of the source
 * @param maxRowsPerSecond throttle on rows compared per second; 0 for none
 * @param passInterval the pause between passes in continuous mode
 * @param catchUpTimeout how long a chunk waits for the target to commit up to the chunk's source position
 * @param recheckRounds fresh rounds a differing row is re-read in before it is called unsettled
 * @param fullPassEvery in continuous mode, every this many passes is a full pass; the others re-check only the rows
 *     replicated since the last full pass began (1: every pass is full)
 * @param maxTrackedKeys primary keys remembered as touched since the last full pass, over all tables; past it the
 *     table holding the most is re-checked in full instead (bounds the memory)
 */
public record VerifyConfig(int chunkRows, Mode mode, int maxRowsPerSecond, Duration passInterval,
                           Duration catchUpTimeout, int recheckRounds, int fullPassEvery, int maxTrackedKeys) {

    /** Whether a request runs one pass or keeps passing until stopped. */
    public enum Mode implements ConfigEnum { ONCE, CONTINUOUS }

    public VerifyConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(passInterval, "passInterval");
        Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
        if (chunkRows < 1 || maxRowsPerSecond < 0 || recheckRounds < 1 || fullPassEvery < 1 || maxTrackedKeys < 1) {
            throw new IllegalArgumentException(
                    "chunk rows, recheck rounds, full-pass-every and max-tracked-keys must be positive, the throttle >= 0");
        }
    }

    /** The defaults of the configuration reference. */
    public static VerifyConfig defaults() {
        return new VerifyConfig(10_000, Mode.ONCE, 0, Duration.ofMinutes(10), Duration.ofMinutes(2), 5, 12, 100_000);
    }

    static VerifyConfig read(Values v) {
        Integer chunkRows = v.get(Options.VERIFY_CHUNK_ROWS);
        Mode mode = v.get(Options.VERIFY_MODE);
        Integer maxRowsPerSecond = v.get(Options.VERIFY_MAX_ROWS_PER_SECOND);
        Duration passInterval = v.get(Options.VERIFY_PASS_INTERVAL);
        Duration catchUpTimeout = v.get(Options.VERIFY_CATCH_UP_TIMEOUT);
        Integer recheckRounds = v.get(Options.VERIFY_RECHECK_ROUNDS);
        Integer fullPassEvery = v.get(Options.VERIFY_FULL_PASS_EVERY);
        Integer maxTrackedKeys = v.get(Options.VERIFY_MAX_TRACKED_KEYS);
        return v.hasProblems() ? null
                : new VerifyConfig(chunkRows, mode, maxRowsPerSecond, passInterval, catchUpTimeout, recheckRounds,
                        fullPassEvery, maxTrackedKeys);
    }
}
