package io.tandem.connectors.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of Debezium's embedded engine on its own daemon thread, with the lifecycle every tandem change source
 * shares: {@code NEW → RUNNING → STOPPED}; {@link #stopped()} completes normally after {@link #close()} and
 * exceptionally with the cause otherwise (the batch handler's own exception when it failed, not the engine's
 * wrapping of it).
 */
public final class EngineRun {

    private static final Logger LOG = LoggerFactory.getLogger(EngineRun.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private enum State { NEW, RUNNING, STOPPED }

    /** Handles one Debezium batch, in order; may block (back-pressure). */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<SourceRecord> records) throws InterruptedException;
    }

    private final String name;
    private final String threadName;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicReference<RuntimeException> handoverFailure = new AtomicReference<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile boolean closeRequested;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService thread;
    private String registryId;

    /** @param name for logs and errors, e.g. {@code binlog stream shop} */
    public EngineRun(String name, String threadName) {
        this.name = name;
        this.threadName = threadName;
    }

    /** {@code NEW → RUNNING}; call once, before {@link #launch}. */
    public void begin() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException(name + " is " + state.get() + ", expected " + State.NEW);
        }
        LOG.debug("{}: {} -> {}", name, State.NEW, State.RUNNING);
    }

    /**
     * Builds the engine and runs it on its own thread. Records are marked processed after the handler returns: the
     * offset store ignores writes (the sink commits offsets), marking keeps the engine's books.
     *
     * @param registryId the {@link StoreRegistry} entry the engine's stores use, removed when the engine stops
     */
    public void launch(Properties config, String registryId, BatchHandler handler) {
        this.registryId = registryId;
        try {
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(config)
                    .using(this::engineCompleted)
                    .notifying((records, committer) -> handleBatch(records, committer, handler))
                    .build();
            thread = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, threadName);
                t.setDaemon(true);
                return t;
            });
            thread.execute(engine);
        } catch (RuntimeException e) {
            engineStopped(false, "engine did not start", e);
            throw e;
        }
    }

    /** Stops the run before the engine was launched (a start-up step failed), reporting {@code failure}. */
    public void abort(Throwable failure) {
        engineStopped(false, failure.getMessage(), failure);
    }

    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /** Stops the engine and waits for it (bounded); a handler blocked in its batch is interrupted. */
    public void close() {
        closeRequested = true;
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            stopped.complete(null);
            return;
        }
        if (engine == null) {
            return; // the start failed before the engine existed and already reported it
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            requestEngineStop(deadline);
            stopped.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Already reported through stopped().
        } catch (TimeoutException e) {
            LOG.warn("{} did not stop within {}", name, CLOSE_TIMEOUT);
        } finally {
            if (thread != null) {
                thread.shutdownNow();
            }
        }
    }

    /**
     * The engine refuses to stop while its task is starting (it would leak connections) and when it is already
     * stopping; both end by themselves, so retry until it accepts or has stopped.
     */
    private void requestEngineStop(long deadline) throws InterruptedException {
        while (!stopped.isDone() && System.nanoTime() < deadline) {
            try {
                engine.close();
                return;
            } catch (IllegalStateException e) {
                LOG.debug("Engine not ready to stop yet: {}", e.getMessage());
                Thread.sleep(50);
            } catch (IOException e) {
                LOG.warn("Error while stopping {}", name, e);
                return;
            }
        }
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                             DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer,
                             BatchHandler handler) throws InterruptedException {
        List<SourceRecord> batch = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> record : records) {
            batch.add(record.record());
        }
        try {
            handler.handle(batch);
        } catch (RuntimeException e) {
            // Kept here as well: the engine reports it wrapped, or not at all if a close races with it. A retriable
            // exception must not reach the engine: it would poll again and this batch would be lost.
            RuntimeException failure = e instanceof RetriableException
                    ? new IllegalStateException(name + ": batch could not be handed over: " + e.getMessage(), e) : e;
            handoverFailure.compareAndSet(null, failure);
            throw failure;
        }
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
    }

    /**
     * The engine's own report. A failure inside Debezium (its DDL parser, its deserializer, its schema history)
     * reaches here wrapped in "An exception occurred in the change event producer", while what says which event,
     * statement or position failed is further down the chain; the failure reported is named after this run and
     * carries every message of the chain.
     */
    private void engineCompleted(boolean success, String message, Throwable error) {
        Throwable named = error == null || handoverFailure.get() != null || closeRequested ? error
                : new IllegalStateException(name + " failed inside Debezium: " + causes(error), error);
        engineStopped(success, message, named);
    }

    /** Each distinct message of the cause chain, with its exception type, outermost first. */
    static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        String last = null;
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.equals(last) || last != null && last.endsWith(message)) {
                continue;
            }
            text.append(text.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName()).append(": ")
                    .append(message);
            last = message;
        }
        return text.length() == 0 ? error.getClass().getName() : text.toString();
    }

    private void engineStopped(boolean success, String message, Throwable error) {
        if (registryId != null) {
            StoreRegistry.unregister(registryId);
        }
        state.set(State.STOPPED);
        Throwable failure = handoverFailure.get();
        if (failure == null && (success && error == null || closeRequested)) {
            // On close the engine may report the interrupted handler as an error; that is the requested stop.
            LOG.info("{} stopped", name);
            stopped.complete(null);
            return;
        }
        if (failure == null) {
            failure = error != null ? error : new IllegalStateException(message);
        }
        LOG.error("{} failed: {}", name, failure.toString());
        stopped.completeExceptionally(failure);
    }
}
