package io.tandem.engine.config;

/** How the initial copy of existing rows runs ({@code snapshot:}). */
public record SnapshotConfig(int parallelism, int fetchSize) {

    static SnapshotConfig read(Values v) {
        Integer parallelism = v.get(Options.SNAPSHOT_PARALLELISM);
        Integer fetchSize = v.get(Options.SNAPSHOT_FETCH_SIZE);
        return v.hasProblems() ? null : new SnapshotConfig(parallelism, fetchSize);
    }
}
