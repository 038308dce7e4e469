package io.tandem.connectors.mysql.schema;

import io.tandem.engine.model.TableId;

/**
 * The server's estimate of a table's size from {@code information_schema.TABLES}. InnoDB's row count is a
 * sampled estimate that can be off by tens of percent; use it for progress and ordering, never for correctness.
 */
public record TableSize(TableId table, long estimatedRows, long dataLength) {
}
