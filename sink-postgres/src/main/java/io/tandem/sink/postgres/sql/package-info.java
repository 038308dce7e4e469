/**
 * The SQL text the sink sends for row changes, built once per target table from quoted identifiers only; values
 * always travel as bind parameters (text arrays cast to the column types) or through COPY.
 */
package io.tandem.sink.postgres.sql;
