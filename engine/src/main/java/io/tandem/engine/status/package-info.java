/** The pipeline's published state (phase, per-table snapshot progress, position, lag) that the control server serves and the log summarises. */
package io.tandem.engine.status;
