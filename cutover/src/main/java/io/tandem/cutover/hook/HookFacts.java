package io.tandem.cutover.hook;

import io.tandem.engine.config.HookConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a hook is told about the cutover step that calls it, as {@code TANDEM_*} names (for example
 * {@code TANDEM_CUTOVER_ATTEMPT}, {@code TANDEM_CUTOVER_TOKEN}, {@code TANDEM_SOURCE_FINAL_POSITION}). A command gets
 * them as environment variables, plus {@code TANDEM_CUTOVER_STEP}; an HTTP hook gets a JSON object with {@code step}
 * and each fact under its camel-case name without the prefix ({@code cutoverAttempt}, {@code sourceFinalPosition}).
 *
 * @param facts values may be empty (a position not known yet at that step), never null
 */
public record HookFacts(HookConfig.Step step, Map<String, String> facts) {

    public static final String STEP_VARIABLE = "TANDEM_CUTOVER_STEP";
    private static final Pattern NAME = Pattern.compile("TANDEM_[A-Z0-9]+(_[A-Z0-9]+)*");

    public HookFacts {
        Objects.requireNonNull(step, "step");
        facts = Map.copyOf(new LinkedHashMap<>(facts));
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            if (!NAME.matcher(fact.getKey()).matches()) {
                throw new IllegalArgumentException("hook fact names are TANDEM_UPPER_SNAKE_CASE, got " + fact.getKey());
            }
            Objects.requireNonNull(fact.getValue(), fact.getKey());
        }
    }

    /** The facts plus {@code TANDEM_CUTOVER_STEP}, which always names this step. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(facts);
        environment.put(STEP_VARIABLE, step.configValue());
        return environment;
    }

    /** The JSON body of an HTTP hook: {@code step} and every fact, named in camel case without {@code TANDEM_}. */
    public Map<String, String> json() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("step", step.configValue());
        facts.forEach((name, value) -> {
            if (!name.equals(STEP_VARIABLE)) {
                json.put(camelCase(name), value);
            }
        });
        return json;
    }

    /** {@code TANDEM_SOURCE_FINAL_POSITION} → {@code sourceFinalPosition}. */
    static String camelCase(String name) {
        String[] words = name.substring("TANDEM_".length()).toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return out.toString();
    }
}
