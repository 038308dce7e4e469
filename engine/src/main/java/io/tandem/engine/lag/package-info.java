/** Replication lag measured end to end by tandem's heartbeat: written on the source, applied on the target. */
package io.tandem.engine.lag;
