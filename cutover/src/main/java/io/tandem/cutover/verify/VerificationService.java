package io.tandem.cutover.verify;

import io.tandem.engine.config.VerifyConfig;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs verification passes in the background for the daemon: {@link #start()} begins a pass (or, in continuous
 * mode, a pass every {@code verify.pass-interval} until {@link #close()}), {@link #status()} tells where it stands.
 * One pass at a time: starting while one runs is refused.
 *
 * <p>With the sink's {@link TouchedKeys}, each pass marks a generation when it begins and, once it found everything
 * equal (or only unsettled: those rows changed after it began, so they are tracked again), lets the tracker forget
 * what is older. In continuous mode the first pass, every {@code verify.full-pass-every}-th one and one requested
 * with {@code full} compare every row; the others re-check only the touched keys and dirty tables, so the daemon
 * keeps up at a cost that follows the write rate. A pass requested once ({@code verify.mode: once}) is full.
 */
public final class VerificationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);

    private final VerifySetup setup;
    private final VerifyListener listener;
    /** Null without a running pipeline (then every pass is full). */
    private final TouchedKeys touched;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private Thread worker;
    private volatile VerifyProgress progress;
    private volatile VerifyResult last;
    private volatile VerifyResult lastFull;
    private volatile boolean fullRequested;
    private int passesSinceFull;
    private volatile Instant nextPass;
    private volatile boolean running;
    private volatile boolean closed;
    private long passes;

    /** @param listener hears every pass too (for logs or metrics); {@link VerifyListener#NONE} when not needed */
    public VerificationService(VerifySetup setup, VerifyListener listener) {
        this(setup, listener, null);
    }

    /** @param touched the keys the forward sink applies, so that passes may re-check only those; null for none */
    public VerificationService(VerifySetup setup, VerifyListener listener, TouchedKeys touched) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.touched = touched;
    }

    /**
     * Starts a pass in the background (continuous mode: a series of passes).
     *
     * @throws IllegalStateException when a pass or a continuous series already runs, or the service is closed
     */
    public void start() {
        start(false);
    }

    /**
     * Starts a pass in the background (continuous mode: a series of passes); {@code full} makes the next pass
     * compare every row. While a continuous series waits between passes, a full request starts that pass now.
     *
     * @throws IllegalStateException when a pass runs, or a series waits and {@code full} is false, or the service is
     *     closed
     */
    public void start(boolean full) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("verification is shut down");
            }
            if (worker != null && worker.isAlive()) {
                if (full && !running) {
                    fullRequested = true;
                    wake.signalAll();
                    return;
                }
                throw new IllegalStateException(running ? "a verification pass is already running"
                        : "continuous verification is already scheduled; the next pass starts at " + nextPass
                        + " (POST /verify?full=true starts a full pass now)");
            }
            fullRequested = fullRequested || full;
            worker = new Thread(this::loop, "tandem-verify");
            worker.setDaemon(true);
            running = true;
            worker.start();
        } finally {
            lock.unlock();
        }
    }

    public VerifyStatus status() {
        String state;
        long done;
        lock.lock();
        try {
            state = running ? "running" : worker != null && worker.isAlive() ? "waiting" : "idle";
            done = passes;
        } finally {
            lock.unlock();
        }
        return new VerifyStatus(state, setup.settings().mode().name().toLowerCase(Locale.ROOT),
                running ? progress : null, done, last, lastFull, running ? null : nextPass);
    }

    /** The last completed pass, or null. */
    public VerifyResult lastResult() {
        return last;
    }

    /** The last completed full pass, or null. */
    public VerifyResult lastFullResult() {
        return lastFull;
    }

    private void loop() {
        VerifyListener tracking = new VerifyListener() {
            @Override
            public void progress(VerifyProgress now) {
                progress = now;
                listener.progress(now);
            }

            @Override
            public void difference(Difference difference) {
                listener.difference(difference);
            }

            @Override
            public void passFinished(VerifyResult result) {
                listener.passFinished(result);
            }
        };
        try {
            do {
                running = true;
                progress = null;
                last = runPass(tracking);
                running = false;
                lock.lock();
                try {
                    passes++;
                } finally {
                    lock.unlock();
                }
            } while (setup.settings().mode() == VerifyConfig.Mode.CONTINUOUS && awaitNextPass());
        } catch (InterruptedException e) {
            LOG.info("verification stopped");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("verification stopped: {}", e.getMessage(), e);
        } finally {
            running = false;
            nextPass = null;
        }
    }

    /**
     * One pass, full or over the touched keys (see the class comment); marks the tracker's generation before it
     * reads anything and lets the tracker forget what the pass covered.
     */
    private VerifyResult runPass(VerifyListener tracking) throws InterruptedException {
        // Full until a full pass is clean: so a clean last pass, of either kind, means a clean full pass since the
        // daemon started and no difference found since (the cutover's gate, VerificationPassed, reads just that).
        boolean full = touched == null || fullRequested || lastFull == null || !clean(lastFull)
                || !touched.everCovered() || setup.settings().mode() != VerifyConfig.Mode.CONTINUOUS
                || passesSinceFull + 1 >= setup.settings().fullPassEvery();
        fullRequested = false;
        long mark = touched == null ? 0 : touched.mark();
        VerifyScope scope = full ? null : VerifyScope.changed(touched.snapshot());
        VerifyResult result = new Verification(setup, tracking, scope).run();
        // Changed passes run only after a clean full pass, so a clean pass of either kind covers all before its mark.
        if (touched != null && clean(result)) {
            touched.covered(mark);
        }
        if (full) {
            lastFull = result;
            passesSinceFull = 0;
        } else {
            passesSinceFull++;
        }
        return result;
    }

    /** No difference found and none left unchecked; unsettled rows changed after the pass began, so are tracked. */
    private static boolean clean(VerifyResult result) {
        return result.verdict() == VerifyResult.Verdict.EQUAL || result.verdict() == VerifyResult.Verdict.UNSETTLED;
    }

    /** Sleeps for the pass interval; false when closed meanwhile, true at once when a full pass is requested. */
    private boolean awaitNextPass() throws InterruptedException {
        long nanos = setup.settings().passInterval().toNanos();
        nextPass = Instant.now().plusNanos(nanos);
        lock.lock();
        try {
            while (!closed && !fullRequested && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops a running pass (it ends as failed) and the continuous series; closes the setup's connections. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            wake.signalAll();
            running = worker;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            setup.close();
        } catch (Exception e) {
            LOG.warn("closing the verification connections failed: {}", e.getMessage());
        }
    }
}
