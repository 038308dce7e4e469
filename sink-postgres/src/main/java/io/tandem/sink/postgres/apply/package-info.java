/**
 * The streaming path: each batch of change events from the pipeline becomes one PostgreSQL transaction of
 * set-based upserts and deletes (per-row statements for tables without a key), DDL barriers, and the source offset.
 */
package io.tandem.sink.postgres.apply;
