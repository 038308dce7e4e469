/**
 * The initial copy: each table is read in a consistent snapshot of the source, rendered to PostgreSQL text and
 * handed to the {@link io.tandem.engine.sink.SnapshotTarget} together with the binlog position the copy is
 * consistent with, where the stream takes over.
 */
package io.tandem.connectors.mysql.snapshot;
