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
 */
public final class VerificationService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationService.class);

    private final VerifySetup setup;
    private final VerifyListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private Thread worker;
    private volatile VerifyProgress progress;
    private volatile VerifyResult last;
    private volatile Instant nextPass;
    private volatile boolean running;
    private volatile boolean closed;
    private long passes;

    /** @param listener hears every pass too (for logs or metrics); {@link VerifyListener#NONE} when not needed */
    public VerificationService(VerifySetup setup, VerifyListener listener) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Starts a pass in the background (continuous mode: a series of passes).
     *
     * @throws IllegalStateException when a pass or a continuous series already runs, or the service is closed
     */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("verification is shut down");
            }
            if (worker != null && worker.isAlive()) {
                throw new IllegalStateException(running ? "a verification pass is already running"
                        : "continuous verification is already scheduled; the next pass starts at " + nextPass);
            }
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
                running ? progress : null, done, last, running ? null : nextPass);
    }

    /** The last completed pass, or null. */
    public VerifyResult lastResult() {
        return last;
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
                last = new Verification(setup, tracking).run();
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

    /** Sleeps for the pass interval; false when closed meanwhile. */
    private boolean awaitNextPass() throws InterruptedException {
        long nanos = setup.settings().passInterval().toNanos();
        nextPass = Instant.now().plusNanos(nanos);
        lock.lock();
        try {
            while (!closed && nanos > 0) {
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
