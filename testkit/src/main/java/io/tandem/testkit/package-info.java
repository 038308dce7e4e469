/**
 * Real database servers for integration tests and the {@code tandem demo} command: a MySQL/MariaDB
 * source and a PostgreSQL target, from environment variables, Testcontainers or embedded binaries,
 * plus the Sakila fixture and a script runner to fill them.
 */
package io.tandem.testkit;
