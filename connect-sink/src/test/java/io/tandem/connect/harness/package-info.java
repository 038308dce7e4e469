/**
 * Real Kafka inside the test JVM: a single-node KRaft broker and a distributed Connect worker that the
 * connector tests run source and sink connectors on, between the embedded MariaDB and PostgreSQL.
 */
package io.tandem.connect.harness;
