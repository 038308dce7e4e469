/**
 * The sink's own tables in the {@code tandem} schema of the target: the committed source offset (written only
 * inside apply transactions), schema history, snapshot completion marks, the definition each table is written
 * with (committed with the offset) and dead-lettered rows.
 */
package io.tandem.sink.postgres.state;
