package io.tandem.connectors.debezium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.transform.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A state store in memory, standing in for the sink's (a fake store, not a fake database). Offsets go through a
 * JSON round trip like the real one, so numbers come back as whatever type a JSON reader picks.
 */
public final class InMemoryStateStore implements StateStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> offsets = new ConcurrentHashMap<>();
    private final List<String> history = new ArrayList<>();
    private int appendsBeforeFailure = Integer.MAX_VALUE;

    @Override
    public Optional<Map<String, Object>> committedOffset(Map<String, ?> partition) {
        String json = offsets.get(key(partition));
        return json == null ? Optional.empty() : Optional.of(read(json));
    }

    @Override
    public void initializeOffset(Map<String, ?> partition, Map<String, ?> offset) {
        if (offsets.putIfAbsent(key(partition), write(offset)) != null) {
            throw new IllegalStateException("offset already stored for " + partition);
        }
    }

    /** What the sink does inside its transaction after applying a batch. */
    public void commit(SourcePosition position) {
        offsets.put(key(position.partition()), write(position.offset()));
    }

    @Override
    public synchronized List<String> schemaHistory() {
        return List.copyOf(history);
    }

    @Override
    public synchronized void appendSchemaHistory(String record) {
        if (appendsBeforeFailure-- <= 0) {
            throw new IllegalStateException("state store unreachable (test)");
        }
        history.add(record);
    }

    /** Makes history appends fail after {@code count} more, as if the target went away mid-way. */
    public synchronized void failHistoryAppendsAfter(int count) {
        appendsBeforeFailure = count;
    }

    @Override
    public synchronized boolean schemaHistoryExists() {
        return !history.isEmpty();
    }

    /** None: the stream is handed its starting definitions; only the composition root reads them from here. */
    @Override
    public Map<TableId, TargetTable> tableDefinitions() {
        return Map.of();
    }

    private static String key(Map<String, ?> partition) {
        return write(new TreeMap<>(partition));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
