package io.tandem.connectors.mysql.jdbc;

/** The server family of a source; the two differ in drivers, privileges, snapshot locking and binlog options. */
public enum Flavor {
    MARIADB,
    MYSQL
}
