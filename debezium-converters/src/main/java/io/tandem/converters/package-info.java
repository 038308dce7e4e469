/**
 * The Debezium {@code CustomConverter}s tandem registers on its MySQL/MariaDB source connector. They form a module
 * of their own, with no tandem dependencies, so that users who run Debezium's source connector on a Kafka Connect
 * cluster can drop this one small jar into Debezium's plugin directory.
 */
package io.tandem.converters;
