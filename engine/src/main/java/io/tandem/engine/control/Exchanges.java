package io.tandem.engine.control;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading requests and writing replies on the JDK server's exchange, with the limits applied. */
final class Exchanges {

    private Exchanges() {
    }

    /**
     * Reads at most {@code limit} bytes; a declared or actual body beyond it is refused before more is buffered,
     * so a client cannot make the daemon hold an arbitrary amount of memory.
     */
    static byte[] readBody(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        InputStream in = exchange.getRequestBody();
        if (declared != null && parseLength(declared) > limit) {
            throw tooLarge(in, limit);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (body.size() + n > limit) {
                throw tooLarge(in, limit);
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    /**
     * The refusal of a body over {@code limit}, after reading and discarding what the client still sends (up to
     * {@link #DRAIN_LIMIT}): a server that closes the connection on unread data resets it, and the client may then
     * lose the 413 while it is still writing.
     */
    private static ControlException tooLarge(InputStream in, int limit) throws IOException {
        byte[] discard = new byte[8192];
        long drained = 0;
        int n;
        while (drained < DRAIN_LIMIT && (n = in.read(discard)) != -1) {
            drained += n;
        }
        return tooLarge(limit);
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            throw new ControlException(400, "invalid Content-Length");
        }
    }

    /** How much of an oversized body is read and discarded so that the client sees the refusal. */
    private static final long DRAIN_LIMIT = 1 << 20;

    private static ControlException tooLarge(int limit) {
        return new ControlException(413, "request body larger than " + limit + " bytes");
    }

    static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ControlException(400, "malformed query string");
            }
        }
        return query;
    }

    static void send(HttpExchange exchange, ControlResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        // Status and metrics are live values; a cached copy would mislead an operator mid-cutover.
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(headers::set);
        // HEAD and 204 carry no body; the JDK server wants -1 for that, and 0 would mean chunked.
        boolean noBody = "HEAD".equalsIgnoreCase(exchange.getRequestMethod()) || response.status() == 204
                || response.length() == 0;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.length());
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.bodyUnsafe());
            }
        }
    }
}
