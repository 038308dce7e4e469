/**
 * Reads the source's table structures from {@code information_schema} into the engine's neutral model
 * ({@link io.tandem.engine.model.SourceTable}), which the transform stage maps to PostgreSQL tables.
 */
package io.tandem.connectors.mysql.schema;
