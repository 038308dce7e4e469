/**
 * Turns PostgreSQL failures met while applying into {@link io.tandem.engine.sink.SinkException}s classified by
 * SQLSTATE, so the pipeline's retry loop knows whether trying again can help.
 */
package io.tandem.sink.postgres.error;
