package io.tandem.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code steps} column of {@code tandem.cutover} back, for an attempt a restart picks up. */
final class StepsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StepsJson() {
    }

    static List<StepRecord> parse(String json) {
        List<StepRecord> steps = new ArrayList<>();
        try {
            for (JsonNode step : JSON.readTree(json)) {
                steps.add(new StepRecord(step.path("step").asText(), step.path("millis").asDouble(),
                        step.path("detail").isNull() ? null : step.path("detail").asText()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("tandem.cutover holds unreadable steps: " + e.getMessage(), e);
        }
        return steps;
    }
}
