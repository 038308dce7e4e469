/**
 * Test-only: the database servers of a test JVM, a MySQL/MariaDB source and a PostgreSQL target,
 * from environment variables, Testcontainers or the embedded binaries of {@code io.tandem.demo.servers}
 * (see {@link io.tandem.testkit.TestServers}). The server types and the Sakila loader live in
 * {@code io.tandem.demo.servers}, which the product uses for {@code tandem demo}; nothing here is
 * on the product's class path.
 */
package io.tandem.testkit;
