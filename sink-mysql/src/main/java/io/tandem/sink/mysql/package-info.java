/**
 * The MySQL side of the reverse direction (PostgreSQL back to MySQL/MariaDB, for failback after cutover):
 * statements, exact values and the control tables the reverse applier writes with every transaction.
 */
package io.tandem.sink.mysql;
