package io.tandem.connectors.postgres.stream;

/**
 * What the reverse source passes on. Switched at runtime by the cutover: {@code SHADOW} from arming until the
 * application writes to PostgreSQL, {@code APPLY} afterwards.
 */
public enum ReverseMode {
    /**
     * Only tandem's control rows and transaction ends pass (they move the committed position, so the slot does not
     * hold WAL back). A row change or truncate of a replicated table is a rogue write: something other than tandem's
     * forward sink wrote to PostgreSQL while MySQL is still the primary. It is reported, never applied.
     */
    SHADOW,
    /** Everything passes: PostgreSQL is the primary and MySQL follows it. */
    APPLY
}
