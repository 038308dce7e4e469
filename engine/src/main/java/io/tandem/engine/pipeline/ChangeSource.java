package io.tandem.engine.pipeline;

import java.util.concurrent.CompletableFuture;

/**
 * A running reader of one source's change log (the MySQL binlog, PostgreSQL's logical decoding) that hands decoded
 * events to a {@link ChangeHandler} from the position its sink committed last.
 *
 * <p>Lifecycle: {@code NEW → RUNNING → STOPPED}; {@link #stopped()} completes normally after {@link #close()} and
 * exceptionally with the cause when the reader or its decoder fails.
 */
public interface ChangeSource extends AutoCloseable {

    /** Starts reading; returns once the reader runs. Call once. */
    void start();

    /** Completes when the reader has stopped: normally after {@link #close()}, exceptionally on failure. */
    CompletableFuture<Void> stopped();

    /** Stops reading and waits for the reader's thread; safe to call more than once. */
    @Override
    void close();
}
