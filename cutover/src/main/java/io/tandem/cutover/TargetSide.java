package io.tandem.cutover;

import java.time.Duration;
import java.util.List;

/**
 * What a switch does on the database the application moves to: the target of the replication being drained
 * (PostgreSQL for a cutover, MySQL for a failback). Every method is idempotent.
 */
public interface TargetSide {

    /** Waits until the fence token is committed here, so everything before it is too. */
    boolean awaitFence(String token, Duration timeout) throws Exception;

    /**
     * Compares what changed since the last verification, and the row counts of every table; returns the
     * differences found, each a line naming the table and key (empty when equal).
     */
    List<String> verifyChanged(Duration timeout) throws Exception;

    /** Sets every identity, sequence or AUTO_INCREMENT counter past its table's largest value; returns what was set. */
    List<String> syncSequences() throws Exception;

    /** Opens the database to the application, recorded through {@code opening} in the form the database allows. */
    void open(Opening opening) throws Exception;

    /** Takes the application's writes away again (an abort, or a recovery that cannot tell how far it got). */
    void closeForApplication() throws Exception;
}
