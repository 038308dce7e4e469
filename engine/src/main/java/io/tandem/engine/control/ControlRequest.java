package io.tandem.engine.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.Map;

/** What a route handler sees of a request: already authenticated, body already read and bounded. */
public final class ControlRequest {

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final byte[] body;

    ControlRequest(String method, String path, Map<String, String> query, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = Map.copyOf(query);
        this.body = body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** Decoded query parameters; for a repeated name the last value wins. */
    public Map<String, String> query() {
        return query;
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    public byte[] body() {
        return body.clone();
    }

    /** The body as JSON of {@code type}; a malformed body is the client's mistake, so 400. */
    public <T> T bodyAs(Class<T> type) {
        if (!hasBody()) {
            throw new ControlException(400, "expected a JSON body");
        }
        try {
            return ControlJson.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ControlException(400, "malformed JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ControlException(400, "unreadable JSON body");
        }
    }
}
