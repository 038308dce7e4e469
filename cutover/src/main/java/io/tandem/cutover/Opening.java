package io.tandem.cutover;

import io.tandem.cutover.CutoverJournal.InTransaction;

/**
 * How the opening of the database the application moves to is tied to the journal's move to
 * {@link CutoverState#COMMITTED}, so that no instant has both databases open and a restart knows which one is.
 */
public interface Opening {

    /** The opening's own work, outside the journal's database. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * Records COMMITTED in the same transaction as {@code grants}, both or neither: for PostgreSQL, where the journal
     * lives.
     */
    void commitWith(InTransaction grants) throws Exception;

    /**
     * Records {@link CutoverState#OPENING}, runs {@code open}, then records COMMITTED: for MySQL, which cannot share
     * a transaction with the journal. A restart that finds OPENING runs {@code open} again and commits; {@code open}
     * must therefore be idempotent.
     */
    void commitAround(Action open) throws Exception;
}
