/**
 * The binlog source: runs Debezium's embedded MySQL or MariaDB connector from the position the snapshot copier
 * chose, reads offsets and schema history from the target's state store, and turns each Debezium record into
 * tandem change events in PostgreSQL text form for the pipeline.
 */
package io.tandem.connectors.mysql.stream;
