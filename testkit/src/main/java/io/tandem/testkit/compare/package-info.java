/**
 * Row-by-row comparison of a MySQL/MariaDB database with its PostgreSQL copy: the end of the line in
 * every replication test, where "the target equals the source" is checked.
 */
package io.tandem.testkit.compare;
