package io.tandem.deploy.replication;

import io.tandem.engine.status.PipelineStatus;

/** The lag as the progress line shows it: {@code 0.21s (p99 0.40s, gap 1)}, or {@code unknown} before a heartbeat. */
final class LagText {

    private LagText() {
    }

    static String of(PipelineStatus status) {
        if (status.lagSeconds() == null) {
            return "unknown";
        }
        StringBuilder text = new StringBuilder(String.format("%.2fs", status.lagSeconds()));
        if (status.lagP99Seconds() != null) {
            text.append(String.format(" (p99 %.2fs", status.lagP99Seconds()));
            if (status.heartbeatSeqGap() != null) {
                text.append(", gap ").append(status.heartbeatSeqGap());
            }
            text.append(')');
        }
        return text.toString();
    }
}
