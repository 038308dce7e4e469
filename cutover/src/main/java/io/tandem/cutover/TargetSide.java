package io.tandem.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** What the cutover does on the target (PostgreSQL). Every method is idempotent. */
public interface TargetSide {

    /** Waits until the fence token is committed on the target, so everything before it is too. */
    boolean awaitFence(String token, Duration timeout) throws Exception;

    /**
     * Compares what changed since the last verification pass, and the row counts of every table; returns the
     * differences found, each a line naming the table and key (empty when equal).
     */
    List<String> verifyChanged(Duration timeout) throws Exception;

    /** Sets every identity and sequence past its table's largest value and asserts it; returns what was set. */
    List<String> syncSequences() throws Exception;

    /** Grants the application roles their writes, in the caller's transaction (the commit point). */
    void openForApplication(Connection transaction) throws SQLException;

    /** Takes the application roles' writes away again (an abort, or a recovery that cannot tell how far it got). */
    void closeForApplication() throws Exception;
}
