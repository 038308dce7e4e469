/** Counters, gauges and rates that every stage of the pipeline updates, read by the control server's {@code /metrics} and {@code /status}. */
package io.tandem.engine.metrics;
