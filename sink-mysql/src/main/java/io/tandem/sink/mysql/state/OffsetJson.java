package io.tandem.sink.mysql.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Positions as JSON, keys sorted, so one partition map always yields the same text: the partition's JSON is the
 * primary key of {@code reverse_offset}. The same canonical form as the PostgreSQL sink's offsets, so an offset
 * reads back alike whichever database holds it.
 */
final class OffsetJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private OffsetJson() {
    }

    static String write(Map<String, ?> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a position as JSON", e);
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored position is not valid JSON", e);
        }
    }
}
