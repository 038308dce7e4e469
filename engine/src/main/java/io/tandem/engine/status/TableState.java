package io.tandem.engine.status;

/** Where one table is on its way from the source to the target. */
public enum TableState {
    /** Waiting for a snapshot copier. */
    PENDING,
    /** Its existing rows are being copied. */
    COPYING,
    /** Copied; streamed changes are not yet being applied. */
    COPIED,
    /** Changes from the binlog are being applied. */
    STREAMING
}
