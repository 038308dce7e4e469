/**
 * The reverse direction's source: PostgreSQL's logical decoding (Debezium's PostgreSQL connector, pgoutput) read
 * after cutover, or in shadow before it, and turned into tandem change events for the MySQL sink.
 */
package io.tandem.connectors.postgres.stream;
