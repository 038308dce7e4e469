package io.tandem.engine.control;

/** The pipeline commands an operator may issue over HTTP. */
public interface PipelineControl {

    /**
     * Asks the pipeline to stop applying changes after the batch in flight commits; returns once the request is
     * recorded. Throws {@link ConflictException} (message shown to the operator) when it cannot pause now.
     */
    void pause();

    /** Asks a paused pipeline to continue; same contract as {@link #pause()}. */
    void resume();
}
