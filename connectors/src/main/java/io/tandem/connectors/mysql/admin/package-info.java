/**
 * Administrative statements on the source for the cutover: freezing and unfreezing application writes, locking
 * application accounts, the accounts {@code read_only} does not stop, and the final binlog position.
 */
package io.tandem.connectors.mysql.admin;
