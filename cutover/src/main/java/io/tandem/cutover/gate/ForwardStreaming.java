package io.tandem.cutover.gate;

import io.tandem.cutover.GateCheck;
import io.tandem.engine.pipeline.PipelineState;
import io.tandem.engine.pipeline.ReplicationHandle;

/** Forward replication streams: not still copying, paused, failed or stopped. */
public final class ForwardStreaming implements GateCheck {

    private final ReplicationHandle forward;

    public ForwardStreaming(ReplicationHandle forward) {
        this.forward = forward;
    }

    @Override
    public Result evaluate() {
        PipelineState state = forward.state();
        return state == PipelineState.STREAMING
                ? Result.pass("replication", "streaming")
                : Result.fail("replication", "forward replication is " + state + ", not STREAMING"
                        + (state == PipelineState.SNAPSHOT ? " (the snapshot is still copying)" : ""));
    }
}
