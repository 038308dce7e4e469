/**
 * The last stage of the forward flow: {@link io.tandem.sink.postgres.PostgresTarget} gives the pipeline its
 * snapshot target, change sink and state store, all backed by one target PostgreSQL database.
 */
package io.tandem.sink.postgres;
