/**
 * Replication lag measured end to end by tandem's heartbeat, in either direction: written by the
 * {@link io.tandem.engine.lag.HeartbeatWriter} on the database replicated from, applied on the one replicated to.
 */
package io.tandem.engine.lag;
