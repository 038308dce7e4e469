package io.tandem.cutover.hook;

import io.tandem.engine.config.HookConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a hook is told about the cutover step that calls it; a command gets it as {@code TANDEM_*} environment
 * variables, an HTTP hook as a JSON object. Positions are the state machine's text for them (for example the
 * source's {@code file:pos gtids=…} and the target's applied offset); empty when not known yet at that step.
 *
 * @param cutoverId the cutover run, so that a hook can tell a retry of the same run from a new one
 */
public record HookFacts(HookConfig.Step step, String cutoverId, String sourcePosition, String targetPosition) {

    public HookFacts {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(cutoverId, "cutoverId");
        Objects.requireNonNull(sourcePosition, "sourcePosition");
        Objects.requireNonNull(targetPosition, "targetPosition");
    }

    /** {@code TANDEM_CUTOVER_STEP}, {@code TANDEM_CUTOVER_ID}, {@code TANDEM_SOURCE_POSITION}, {@code TANDEM_TARGET_POSITION}. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TANDEM_CUTOVER_STEP", step.configValue());
        environment.put("TANDEM_CUTOVER_ID", cutoverId);
        environment.put("TANDEM_SOURCE_POSITION", sourcePosition);
        environment.put("TANDEM_TARGET_POSITION", targetPosition);
        return environment;
    }

    /** The JSON body of an HTTP hook: {@code step}, {@code cutoverId}, {@code sourcePosition}, {@code targetPosition}. */
    public Map<String, String> json() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("step", step.configValue());
        json.put("cutoverId", cutoverId);
        json.put("sourcePosition", sourcePosition);
        json.put("targetPosition", targetPosition);
        return json;
    }
}
