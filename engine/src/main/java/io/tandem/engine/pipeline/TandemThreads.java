package io.tandem.engine.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every thread tandem starts has in common. */
public final class TandemThreads {

    private static final Logger LOG = LoggerFactory.getLogger(TandemThreads.class);

    /**
     * Logs a throwable that escaped a thread's own handling: without it the JVM prints to stderr only, which a daemon
     * under systemd or Kubernetes may not keep. The owner of the thread still learns of the failure its own way.
     */
    public static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, error) -> LOG.error("thread {} died: {}", thread.getName(), error, error);

    private TandemThreads() {
    }

    /** A named thread with {@link #LOG_UNCAUGHT}; daemon threads never keep a finished JVM alive. */
    public static Thread start(String name, boolean daemon, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(daemon);
        thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        thread.start();
        return thread;
    }
}
