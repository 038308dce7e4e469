/**
 * Embedded MariaDB and PostgreSQL servers plus the Sakila sample database, for {@code tandem demo}
 * and for tests. Not used by {@code tandem run}: a real migration connects to servers it is given.
 * <p>
 * {@link io.tandem.demo.servers.EmbeddedMariaDbServer} and
 * {@link io.tandem.demo.servers.EmbeddedPostgresServer} start local servers from binaries on the
 * class path; {@link io.tandem.demo.servers.Sakila} loads the sample into a source. Tests reach
 * these servers through {@code io.tandem.testkit.TestServers}, which can also use external servers
 * or Testcontainers.
 */
package io.tandem.demo.servers;
