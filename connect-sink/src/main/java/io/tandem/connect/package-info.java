/**
 * tandem's PostgreSQL sink as a Kafka Connect sink connector: {@link io.tandem.connect.TandemSinkConnector} and its
 * settings, {@link io.tandem.connect.TandemSinkTask} with the Kafka offsets committed in PostgreSQL. Records become
 * tandem events in {@code record}; everything after that is the daemon's own apply path.
 */
package io.tandem.connect;
