package io.tandem.cutover.hook;

import io.tandem.engine.config.CutoverConfig;
import io.tandem.engine.config.HookConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the configured hook of a cutover step, command or HTTP, and says how it went. The log names the step, the
 * program or the URL without query string, the duration and the exit code or status; never the arguments, the
 * token, the environment or the output, any of which may hold a secret (the output tail goes to the report).
 */
public final class HookRunner {

    private static final Logger LOG = LoggerFactory.getLogger(HookRunner.class);

    private final Map<HookConfig.Step, HookConfig> hooks;

    public HookRunner(Map<HookConfig.Step, HookConfig> hooks) {
        this.hooks = hooks.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(hooks));
    }

    public HookRunner(CutoverConfig config) {
        this(config.hooks());
    }

    public boolean isConfigured(HookConfig.Step step) {
        return hooks.containsKey(step);
    }

    /**
     * Runs the hook of {@code facts.step()}, if one is configured, and waits for it at most its timeout (plus a
     * moment to collect a killed command's output).
     *
     * @return empty when the step has no hook
     * @throws HookFailedException when it could not start, failed or timed out
     * @throws InterruptedException when interrupted; a running command is killed first
     */
    public Optional<HookResult> run(HookFacts facts) throws HookFailedException, InterruptedException {
        HookConfig hook = hooks.get(facts.step());
        if (hook == null) {
            return Optional.empty();
        }
        try {
            HookResult result = hook instanceof HookConfig.Command command
                    ? CommandHook.run(command, facts)
                    : HttpHook.run((HookConfig.Http) hook, facts);
            LOG.info("Cutover hook {} ({}) succeeded in {} ms with {}", facts.step().configValue(), result.target(),
                    result.took().toMillis(), result.code());
            return Optional.of(result);
        } catch (HookFailedException e) {
            LOG.warn("{}", e.getMessage());
            throw e;
        }
    }

    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
