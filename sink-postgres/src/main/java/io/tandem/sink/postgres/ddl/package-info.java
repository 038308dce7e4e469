/**
 * Creates and drops target tables, for the snapshot before its rows are copied and for table DDL met in the
 * stream, and refuses an existing table whose columns differ from what the transform expects.
 */
package io.tandem.sink.postgres.ddl;
