package io.tandem.cutover.hook;

import io.tandem.engine.config.HookConfig;

/**
 * A hook did not succeed: it could not start, exited non-zero, answered a non-2xx status or ran out of time. The
 * message names the step, the program or URL (without query string) and why; {@link #outputTail()} holds the end
 * of its output for the report.
 */
public final class HookFailedException extends Exception {

    private final HookConfig.Step step;
    private final String outputTail;

    HookFailedException(HookConfig.Step step, String message, String outputTail, Throwable cause) {
        super("cutover hook " + step.configValue() + ": " + message, cause);
        this.step = step;
        this.outputTail = outputTail;
    }

    public HookConfig.Step step() {
        return step;
    }

    public String outputTail() {
        return outputTail;
    }
}
