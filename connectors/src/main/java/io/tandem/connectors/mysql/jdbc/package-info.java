/**
 * Connections to the MySQL or MariaDB source, opened with the session settings that keep values exact and let
 * result sets stream; the start of every read the connectors do (schema, checks, snapshot).
 */
package io.tandem.connectors.mysql.jdbc;
