package io.tandem.cutover.verify;

import io.tandem.cutover.postgres.PostgresTargetSide;
import io.tandem.engine.model.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cutover's verify step, inside the write pause: with the source frozen and the target drained, re-checks the
 * rows replicated since the last covering pass began ({@link TouchedKeys}; the last full pass's unsettled rows are
 * among them, since they changed after it began), compares the dirty tables in full, and every replicated table's
 * row count. One round is exact then ({@link VerifyScope#settled}). A row that differs but was not replicated since
 * (changed by hand on the target) is not re-read: the last full pass compared it, and the row counts catch a row
 * deleted or inserted that way.
 *
 * <p>Returns one line per difference (empty: equal). A pass that cannot compare, or does not finish within the
 * budget, returns a line saying so, so the cutover aborts rather than opening an unverified target. Tables compared
 * in full are logged (they are no difference).
 */
public final class ChangedRowsVerifier implements PostgresTargetSide.ChangedRows, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangedRowsVerifier.class);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final VerifySetup setup;
    private final TouchedKeys touched;
    private final Supplier<Optional<SourcePosition>> applied;
    private volatile VerifyResult last;

    /**
     * @param setup its own connections ({@link VerifySetup#open}), apart from the background passes', so a running
     *     pass never holds what the pause needs; closed by {@link #close()}
     * @param touched the keys the forward sink applied (the one the pipeline feeds)
     * @param applied the forward pipeline's last committed position ({@code Replication::appliedPosition}): the
     *     check first waits until {@code touched} has recorded that batch
     */
    public ChangedRowsVerifier(VerifySetup setup, TouchedKeys touched, Supplier<Optional<SourcePosition>> applied) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.touched = Objects.requireNonNull(touched, "touched");
        this.applied = Objects.requireNonNull(applied, "applied");
    }

    @Override
    public List<String> differences(Duration timeout) throws InterruptedException {
        if (!touched.everCovered()) {
            return List.of("no verification pass has found the target equal since tandem started, so re-checking the"
                    + " changed rows proves nothing; run one (POST /verify) before the cutover");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!awaitRecorded(deadline)) {
            return List.of(didNotFinish(timeout) + " (the last committed batch was not recorded for re-checking)");
        }
        Verification pass = new Verification(setup, VerifyListener.NONE, VerifyScope.settled(touched.snapshot()));
        CompletableFuture<VerifyResult> running = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                running.complete(pass.run());
            } catch (InterruptedException | RuntimeException | Error e) {
                running.completeExceptionally(e);
            }
        }, "tandem-verify-changed");
        worker.setDaemon(true);
        worker.start();
        VerifyResult result;
        try {
            result = running.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Its statements end with their connections; the thread then finishes on its own as a failed pass.
            pass.abort();
            worker.interrupt();
            return List.of(didNotFinish(timeout) + " (changed rows and row counts); the write pause is too short for"
                    + " it, or a statement was blocked");
        } catch (ExecutionException e) {
            return List.of("verification could not compare: " + e.getCause());
        } catch (InterruptedException e) {
            pass.abort();
            worker.interrupt();
            throw e;
        }
        last = result;
        LOG.info("cutover verification {}", result.summary());
        result.notes().forEach(note -> LOG.info("cutover verification: {}", note));
        return lines(result);
    }

    /** The drained batch is committed on the target a moment before the tracker hears of it: wait for that. */
    private boolean awaitRecorded(long deadline) throws InterruptedException {
        Optional<SourcePosition> committed = applied.get();
        while (committed.isPresent() && !touched.heard(committed.get())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped while waiting for the tracker");
            }
            committed = applied.get();
        }
        return true;
    }

    private static String didNotFinish(Duration timeout) {
        return "verification did not finish within " + timeout.toMillis() + " ms";
    }

    /** Closes the setup's connections. */
    @Override
    public void close() throws Exception {
        setup.close();
    }

    /** The last completed check, with its notes (tables compared in full), or null. */
    public VerifyResult lastResult() {
        return last;
    }

    private static List<String> lines(VerifyResult result) {
        List<String> lines = new ArrayList<>();
        result.differences().forEach(d -> lines.add(d.describe()));
        if (result.differenceCount() > result.differences().size()) {
            lines.add((result.differenceCount() - result.differences().size()) + " more difference(s) not listed");
        }
        if (result.error() != null) {
            lines.add(result.error());
        }
        if (result.verdict() == VerifyResult.Verdict.UNSETTLED) {
            // Cannot happen with both sides still; if it does, something still writes.
            result.unsettled().forEach(key -> lines.add(key + ": kept changing while the source was frozen"));
        }
        return lines;
    }
}
