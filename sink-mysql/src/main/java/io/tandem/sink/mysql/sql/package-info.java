/**
 * The MySQL statements of the reverse sink, rendered once per table, and the session they run in (strict
 * {@code sql_mode}, UTC, foreign key checks on, no autocommit).
 */
package io.tandem.sink.mysql.sql;
