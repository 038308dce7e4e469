/**
 * The reverse sink's own rows in MySQL's control database: the committed PostgreSQL offset (written only inside
 * apply transactions, read back by the reverse source), applied heartbeats and fence tokens.
 */
package io.tandem.sink.mysql.state;
