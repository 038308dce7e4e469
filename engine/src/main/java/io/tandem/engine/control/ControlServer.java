package io.tandem.engine.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP control endpoint on the JDK's built-in server. It authenticates, routes, bounds the body and maps
 * errors; what a route does belongs to the component behind it. Register routes, then {@link #start()}.
 */
public final class ControlServer implements AutoCloseable {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    // A cutover request holds one thread for its whole run; status polls and scrapes must still be answered.
    private static final int THREADS = 4;
    private static final int QUEUED_REQUESTS = 64;

    private final InetSocketAddress listen;
    private final BearerAuth auth;
    // Written only before start(); request threads come into being after it, which publishes the table to them.
    private final RouteTable routes = new RouteTable();
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private boolean closed;

    /**
     * @param bearerToken null for no authentication, which is allowed only on a loopback address
     * @throws IllegalArgumentException for a non-loopback address without a token, or a blank token
     */
    public ControlServer(InetSocketAddress listen, String bearerToken) {
        this.listen = Objects.requireNonNull(listen, "listen");
        this.auth = BearerAuth.of(bearerToken);
        if (listen.isUnresolved()) {
            throw new IllegalArgumentException("control.listen host '" + listen.getHostString() + "' does not resolve");
        }
        if (!auth.required() && !listen.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("control.listen " + listen.getAddress().getHostAddress() + ":"
                    + listen.getPort() + " is reachable beyond this machine but no control bearer token is set;"
                    + " set a token or listen on 127.0.0.1");
        }
    }

    /** Adds a route; only before {@link #start()}, so the table never changes under a running request. */
    public synchronized ControlServer route(String method, String path, RouteHandler handler) {
        if (server != null || closed) {
            throw new IllegalStateException("routes are fixed once the control server has started");
        }
        routes.add(method, path, handler);
        return this;
    }

    public synchronized void start() throws IOException {
        if (server != null || closed) {
            throw new IllegalStateException("the control server starts once");
        }
        executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), new NamedDaemonThreads(),
                // A full queue slows the accepting thread down instead of dropping connections half-read.
                new ThreadPoolExecutor.CallerRunsPolicy());
        HttpServer created = HttpServer.create(listen, 0);
        created.setExecutor(executor);
        created.createContext("/", this::dispatch);
        created.start();
        server = created;
        LOG.info("control endpoint listening on http://{}:{} (auth: {})",
                address().getHostString(), address().getPort(), auth);
    }

    /** The bound address: with port 0 in the config, this is where to find the free port that was picked. */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("the control server has not started");
        }
        return server.getAddress();
    }

    /** Stops at once: requests in flight are cut off, as an operator closing tandem expects it to go away. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("control endpoint handlers still running after close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            Exchanges.send(exchange, respond(exchange));
        } catch (IOException e) {
            LOG.debug("control client went away: {}", e.toString());
        } catch (RuntimeException e) {
            LOG.warn("control endpoint failed to reply to {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
        }
    }

    private ControlResponse respond(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        // Authenticate before routing, so an anonymous client cannot even learn which paths exist.
        if (!auth.permits(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return ControlResponse.error(401, "missing or wrong bearer token")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"tandem\"");
        }
        Map<String, RouteHandler> methods = routes.methodsFor(path);
        if (methods.isEmpty()) {
            return ControlResponse.error(404, "no route " + path);
        }
        RouteHandler handler = methods.get(method);
        if (handler == null) {
            return ControlResponse.error(405, method + " not allowed on " + path)
                    .withHeader("Allow", RouteTable.allowHeader(methods));
        }
        try {
            byte[] body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
            return handler.handle(new ControlRequest(method, path, Exchanges.query(exchange), body));
        } catch (ControlException e) {
            return ControlResponse.error(e.status(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlResponse.error(503, "tandem is shutting down");
        } catch (Exception e) {
            LOG.error("control route {} {} failed", method, path, e);
            return ControlResponse.error(500, "internal error; the tandem log has the details");
        }
    }

    private static final class NamedDaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "tandem-control-" + count.incrementAndGet());
            // The control endpoint must never be what keeps a finished JVM alive.
            thread.setDaemon(true);
            return thread;
        }
    }
}
