/**
 * From Debezium's change-event records to tandem events: table definitions from record schemas
 * ({@link io.tandem.connect.record.SinkTables}), rows through the daemon's value rendering
 * ({@link io.tandem.connect.record.ChangeRecords}), topic-partition positions
 * ({@link io.tandem.connect.record.TopicPositions}).
 */
package io.tandem.connect.record;
