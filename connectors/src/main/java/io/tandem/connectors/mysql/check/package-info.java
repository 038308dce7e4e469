/**
 * Preflight checks on the source before anything is copied or streamed: binlog settings and the engine user's
 * privileges, each failure reported with the statement that fixes it.
 */
package io.tandem.connectors.mysql.check;
