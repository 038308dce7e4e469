package io.tandem.connectors.mysql.resync;

import io.tandem.engine.model.TableId;
import java.time.Instant;

/**
 * One resync as {@code /status}, the page and the log show it.
 *
 * @param phase {@code waiting} (for the copier), {@code copying}, {@code copied} (waiting to be swapped in with a
 *     stream batch), {@code swapped}, {@code failed}
 * @param copyPosition the binlog position the copy is consistent with, once known; else null
 * @param rowsCopied rows copied so far
 * @param estimatedRows the source's estimate of the table's rows, 0 when unknown
 * @param streamHeldSince when the stream reached the table's first change after the copy position and began
 *     waiting for the copy (changes of every table wait behind it); null when it is not waiting
 * @param failure why the copy failed, or null
 */
public record ResyncStatus(long id, TableId table, String reason, String phase, Instant requestedAt,
                           String copyPosition, long rowsCopied, long estimatedRows, Instant streamHeldSince,
                           String failure) {
}
