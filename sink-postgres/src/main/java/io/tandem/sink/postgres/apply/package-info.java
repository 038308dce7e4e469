/**
 * PostgreSQL's side of the streaming path: the engine's transactional sink turns each batch of change events into
 * one transaction, and this package gives it the statements: set-based upserts and deletes over arrays (one
 * physical row by {@code ctid} for tables without a key), transactional DDL and the {@code tandem} schema's tables.
 */
package io.tandem.sink.postgres.apply;
