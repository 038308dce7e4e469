package io.tandem.connectors.mysql.admin;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * {@code SET GLOBAL read_only = ON} did not get the global read lock within {@code lock_wait_timeout}: a running
 * write statement (a long UPDATE, an ALTER, a LOCK TABLES) held it. The source was left writable; the cutover
 * aborts and may be retried once the statement has ended.
 */
public final class FreezeTimeoutException extends SQLException {

    private final transient List<String> blockers;

    FreezeTimeoutException(Duration lockWaitTimeout, List<String> blockers, SQLException cause) {
        super("the source could not be made read-only within lock_wait_timeout = " + lockWaitTimeout.toSeconds()
                + " s because running statements hold the global read lock"
                + (blockers.isEmpty() ? "" : " (sessions " + String.join("; ", blockers) + ")")
                + "; the source is still writable. Wait for or end those statements and retry the cutover",
                cause.getSQLState(), cause.getErrorCode(), cause);
        this.blockers = List.copyOf(blockers);
    }

    /** The sessions that were running statements when the freeze gave up, as {@code id user time state}. */
    public List<String> blockers() {
        return blockers;
    }
}
