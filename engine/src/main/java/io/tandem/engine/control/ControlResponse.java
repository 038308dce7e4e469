package io.tandem.engine.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Status, content type, body and any extra headers of a reply. */
public final class ControlResponse {

    public static final String JSON = "application/json; charset=utf-8";

    private final int status;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;

    private ControlResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    public static ControlResponse json(int status, Object value) throws JsonProcessingException {
        return new ControlResponse(status, JSON, ControlJson.MAPPER.writeValueAsBytes(value), Map.of());
    }

    public static ControlResponse text(int status, String contentType, String body) {
        return new ControlResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** {@code {"error": message}}; built by hand so an error reply cannot itself fail to serialise. */
    public static ControlResponse error(int status, String message) {
        String text = message == null ? "request refused" : message;
        return text(status, JSON, "{\"error\":" + jsonString(text) + "}");
    }

    public ControlResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ControlResponse(status, contentType, body, more);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body.clone();
    }

    public Map<String, String> headers() {
        return headers;
    }

    int length() {
        return body.length;
    }

    byte[] bodyUnsafe() {
        return body;
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
