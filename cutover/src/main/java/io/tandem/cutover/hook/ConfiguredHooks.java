package io.tandem.cutover.hook;

import io.tandem.cutover.Hooks;
import io.tandem.engine.config.HookConfig;
import java.util.Map;

/** The coordinator's hooks, run by {@link HookRunner} as {@code cutover.hooks} configures them. */
public final class ConfiguredHooks implements Hooks {

    private final HookRunner runner;

    public ConfiguredHooks(HookRunner runner) {
        this.runner = runner;
    }

    @Override
    public void run(HookConfig.Step step, Map<String, String> facts) throws Exception {
        runner.run(new HookFacts(step, facts));
    }
}
