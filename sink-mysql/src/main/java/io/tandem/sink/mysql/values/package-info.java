/**
 * Values on their way back to MySQL: each column's PostgreSQL text becomes the JDBC parameter that reproduces the
 * original MySQL value exactly, chosen once per column from the column's real MySQL type.
 */
package io.tandem.sink.mysql.values;
