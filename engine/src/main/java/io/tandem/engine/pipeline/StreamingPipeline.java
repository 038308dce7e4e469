package io.tandem.engine.pipeline;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming half of a pipeline: the source thread hands events to {@link #accept}, one apply thread groups them
 * into transaction-aligned batches and commits each batch with its position through the sink. Order is the source's
 * order; nothing is reordered across batches.
 */
public final class StreamingPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingPipeline.class);

    private final ChangeSink sink;
    private final BatchLimits limits;
    private final ApplyListener listener;
    private final Retry retry;
    private final BoundedEventQueue queue;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final Object pauseMonitor = new Object();
    /** A batch is being committed (guarded by pauseMonitor): a pause waits for it. */
    private boolean committing;
    private final Thread applyThread;
    private volatile boolean closing;
    private volatile boolean batchPending;
    private volatile long pendingSinceNanos;
    private volatile SourcePosition appliedPosition;
    private final Object appliedMonitor = new Object();

    public StreamingPipeline(ChangeSink sink, BatchLimits limits, RetryPolicy retryPolicy, ApplyListener listener) {
        this.sink = sink;
        this.limits = limits;
        this.listener = listener;
        this.queue = new BoundedEventQueue(limits.queueMaxBytes());
        this.retry = Retry.of("sink", retryConfig(retryPolicy));
        this.retry.getEventPublisher().onRetry(event -> {
            LOG.warn("applying a batch failed ({}); retry {} in {} ms", event.getLastThrowable().getMessage(),
                    event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis());
            listener.retrying(event.getNumberOfRetryAttempts(), event.getLastThrowable());
        });
        this.applyThread = new Thread(this::applyLoop, "tandem-apply");
        this.applyThread.setUncaughtExceptionHandler(TandemThreads.LOG_UNCAUGHT);
    }

    private static RetryConfig retryConfig(RetryPolicy policy) {
        return RetryConfig.custom()
                .maxAttempts(policy.maxAttempts() == 0 ? Integer.MAX_VALUE : policy.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        policy.initialBackoff(), 2.0, 0.5, policy.maxBackoff()))
                .retryOnException(e -> e instanceof SinkException se && se.transientFailure())
                .failAfterMaxAttempts(true)
                .build();
    }

    public void start() {
        applyThread.start();
    }

    /**
     * Hands events over in source order; blocks while the queue is full (back-pressure on the source).
     *
     * @throws IllegalStateException when the pipeline has failed or is closed, so the source stops too
     */
    public void accept(List<ChangeEvent> events) throws InterruptedException {
        if (stopped.isDone()) {
            throw new IllegalStateException("the apply loop has stopped", stopped.handle((v, e) -> e).join());
        }
        queue.putAll(events);
    }

    /** Completes when the apply loop ends: normally after {@link #close()}, exceptionally on a fatal error. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * Holds the apply loop before its next commit and waits up to {@code timeout} for a commit in flight to end, so
     * that on return (true) nothing more reaches the sink until {@link #resume()}; false when a commit still runs.
     */
    public boolean pause(Duration timeout) throws InterruptedException {
        paused.set(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pauseMonitor) {
            while (committing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(pauseMonitor, left);
            }
        }
        return true;
    }

    public void resume() {
        synchronized (pauseMonitor) {
            paused.set(false);
            pauseMonitor.notifyAll();
        }
    }

    public boolean isPaused() {
        return paused.get();
    }

    /** The position of the last committed batch, or null before the first. */
    public SourcePosition appliedPosition() {
        return appliedPosition;
    }

    /**
     * Waits until a committed batch reaches {@code point} (its position is at or past it), the pipeline stops, or
     * {@code timeout} passes; returns whether the point was reached. Positions without a point never reach one.
     */
    public boolean awaitApplied(StreamPoint point, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appliedMonitor) {
            while (true) {
                SourcePosition applied = appliedPosition;
                if (applied != null && applied.point() != null && applied.point().isAtOrAfter(point)) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || stopped.isDone()) {
                    return false;
                }
                appliedMonitor.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }

    /** True when every event received so far is committed. */
    public boolean isCaughtUp() {
        return queue.isEmpty() && !batchPending;
    }

    /** How long the oldest received-but-uncommitted event has waited, in seconds. */
    public double backlogSeconds() {
        long oldest = Math.max(queue.oldestAgeNanos(), batchPending ? System.nanoTime() - pendingSinceNanos : 0);
        return oldest / 1e9;
    }

    /** Commits the complete transactions already received, then stops the apply loop. */
    @Override
    public void close() {
        closing = true;
        resume();
        try {
            applyThread.join(Duration.ofMinutes(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (applyThread.isAlive()) {
            applyThread.interrupt();
        }
    }

    private void applyLoop() {
        List<BoundedEventQueue.Queued> batch = new ArrayList<>();
        int complete = 0;
        long bytes = 0;
        try {
            while (true) {
                BoundedEventQueue.Queued next = queue.poll(limits.maxWait());
                if (next != null) {
                    if (batch.isEmpty()) {
                        pendingSinceNanos = System.nanoTime();
                        batchPending = true;
                    }
                    batch.add(next);
                    bytes += next.bytes();
                    if (next.event() instanceof TransactionEnd) {
                        complete = batch.size();
                    }
                }
                int commitUpTo = commitPoint(batch.size(), complete, bytes);
                if (commitUpTo > 0) {
                    awaitResume();
                    List<BoundedEventQueue.Queued> committed = batch.subList(0, commitUpTo);
                    try {
                        commit(committed.stream().map(BoundedEventQueue.Queued::event).toList());
                    } finally {
                        synchronized (pauseMonitor) {
                            committing = false;
                            pauseMonitor.notifyAll();
                        }
                    }
                    bytes -= committed.stream().mapToLong(BoundedEventQueue.Queued::bytes).sum();
                    committed.clear();
                    complete = Math.max(0, complete - commitUpTo);
                    batchPending = !batch.isEmpty();
                    pendingSinceNanos = System.nanoTime();
                }
                if (closing && queue.isEmpty() && complete == 0) {
                    break;
                }
            }
            stopped.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.complete(null);
        } catch (RuntimeException | Error e) {
            // An Error too: a thread that just died would leave the pipeline STREAMING and the source blocked on a
            // full queue forever. The Error still ends this thread; everyone waiting learns why first.
            LOG.error("applying changes failed: {}", e, e);
            stopped.completeExceptionally(e);
        } finally {
            queue.close(stopped.isCompletedExceptionally()
                    ? stopped.handle((v, e) -> e).join() : new IllegalStateException("the pipeline is closed"));
            synchronized (appliedMonitor) {
                appliedMonitor.notifyAll();
            }
        }
    }

    /** How many leading events of the batch to commit now; 0 to keep collecting. */
    private int commitPoint(int size, int complete, long bytes) {
        if (size == 0) {
            return 0;
        }
        boolean full = size >= limits.maxRows() || bytes >= limits.maxBytes();
        boolean waitedEnough = System.nanoTime() - pendingSinceNanos >= limits.maxWait().toNanos();
        if (complete > 0 && (full || waitedEnough || queue.isEmpty() || closing)) {
            return complete;
        }
        // One transaction alone exceeds the limits: commit what we hold; the position inside it is resumable.
        return complete == 0 && full ? size : 0;
    }

    /** Returns once not paused, marking the commit that follows as in flight in the same step (see pause). */
    private void awaitResume() throws InterruptedException {
        synchronized (pauseMonitor) {
            while (paused.get() && !closing) {
                pauseMonitor.wait();
            }
            committing = true;
        }
    }

    private void commit(List<ChangeEvent> events) {
        SourcePosition position = events.get(events.size() - 1).position();
        long started = System.nanoTime();
        retry.executeRunnable(() -> sink.apply(events, position));
        Failpoint.AFTER_BATCH_COMMIT.reach();
        synchronized (appliedMonitor) {
            appliedPosition = position;
            appliedMonitor.notifyAll();
        }
        listener.applied(events, position, System.nanoTime() - started);
    }
}
