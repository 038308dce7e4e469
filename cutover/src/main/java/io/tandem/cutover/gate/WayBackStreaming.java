package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import java.util.function.Supplier;

/**
 * The reverse stream runs, so that a switch has somewhere to hand over to: before a cutover, in shadow mode (the
 * way back exists before PostgreSQL opens); before a failback, applying (MySQL holds what PostgreSQL committed).
 */
public final class WayBackStreaming implements GateCheck {

    private final Supplier<String> notStreaming;

    /** @param notStreaming why the reverse stream is not streaming, in words for the operator; null when it is */
    public WayBackStreaming(Supplier<String> notStreaming) {
        this.notStreaming = notStreaming;
    }

    @Override
    public Result evaluate() {
        String reason = notStreaming.get();
        return reason == null ? Result.pass("way back", "the reverse stream runs")
                : Result.fail("way back", reason);
    }
}
