package io.tandem.cutover.hook;

import io.tandem.engine.config.HookConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * A hook that succeeded, for the cutover's report.
 *
 * @param target the program or the URL without its query string; never a credential
 * @param code the exit code of a command (0) or the HTTP status
 * @param outputTail the end of the command's stdout and stderr, or of the response body; not logged by tandem
 */
public record HookResult(HookConfig.Step step, String target, Duration took, int code, String outputTail) {

    public HookResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(outputTail, "outputTail");
    }
}
