/**
 * The snapshot path: rows read from the source tables stream into PostgreSQL through COPY, one transaction per
 * table, committed together with the table's completion mark.
 */
package io.tandem.sink.postgres.copy;
