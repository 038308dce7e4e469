package io.tandem.demo.servers;

/**
 * A server this JVM owns and can take down and bring back on the same data directory and port, so
 * that tests can interrupt replication. Servers owned by someone else (external ones) never
 * implement it; tests check with {@code assumeTrue(server instanceof RestartableServer)}.
 */
public interface RestartableServer {

    /** Clean shutdown: the server flushes and closes connections. Does nothing when already stopped. */
    void stop();

    /** Starts again on the same data directory and port. Does nothing when already running. */
    void start();

    /** Abrupt end of the server process and its children, like a power cut; {@link #start()} recovers. */
    void kill();

    boolean isRunning();
}
