package io.tandem.cutover;

import io.tandem.engine.config.HookConfig;
import java.util.Map;

/** The operator's hooks: a command or an HTTP call at named steps of the cutover, each with its own timeout. */
public interface Hooks {

    /**
     * Runs the hook configured for {@code step}, if any, with {@code facts} (step, positions, attempt) in its
     * environment or body; throws when it fails or times out.
     */
    void run(HookConfig.Step step, Map<String, String> facts) throws Exception;

    Hooks NONE = (step, facts) -> { };
}
