package io.tandem.engine.pipeline;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The lifecycle of one replication pipeline. Allowed moves are listed explicitly, not implied by declaration order. */
public enum PipelineState {
    STARTING,
    CHECKING,
    SNAPSHOT,
    STREAMING,
    PAUSED,
    STOPPING,
    STOPPED,
    FAILED;

    private static final Map<PipelineState, Set<PipelineState>> ALLOWED = Map.of(
            STARTING, EnumSet.of(CHECKING, STOPPING, FAILED),
            CHECKING, EnumSet.of(SNAPSHOT, STREAMING, STOPPING, FAILED),
            SNAPSHOT, EnumSet.of(STREAMING, STOPPING, FAILED),
            STREAMING, EnumSet.of(PAUSED, STOPPING, FAILED),
            PAUSED, EnumSet.of(STREAMING, STOPPING, FAILED),
            STOPPING, EnumSet.of(STOPPED, FAILED),
            STOPPED, EnumSet.noneOf(PipelineState.class),
            FAILED, EnumSet.noneOf(PipelineState.class));

    public boolean canMoveTo(PipelineState next) {
        return ALLOWED.get(this).contains(next);
    }

    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
