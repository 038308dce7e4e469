/**
 * tandem's own writes on the source, apart from every application schema: the control database with the heartbeat
 * row the lag is measured from and the fence tokens a drain waits for. Both travel the binlog like any change.
 */
package io.tandem.connectors.mysql.admin;
