package io.tandem.connectors.postgres.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * A change on PostgreSQL, in shadow mode, that tandem's forward sink did not make. It names where it happened and
 * never carries row values (they may be personal data and the report goes to logs and alerts).
 *
 * @param relation {@code schema.table} on PostgreSQL
 * @param operation insert, update, delete or truncate
 * @param lsn the change's WAL position, e.g. {@code 0/16B3748}
 * @param commitTime when its transaction committed on PostgreSQL; null when Debezium did not say
 */
public record RogueWrite(String relation, String operation, String lsn, Instant commitTime) {

    public RogueWrite {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(lsn, "lsn");
    }
}
