package io.tandem.cutover;

/**
 * The direction that lets the application go back after a switch, armed inside the switch while both databases are
 * closed: after a cutover the reverse stream starts applying PostgreSQL's writes to MySQL; after a failback forward
 * replication will resume from MySQL's log end as it stands then.
 */
public interface WayBack {

    /** Arms it; returns what was done, for the step report. */
    String arm() throws Exception;

    /** Undoes {@link #arm()} for an abort; safe when it was not armed. */
    void disarm() throws Exception;

    /** A one-way switch: failback is not enabled. */
    WayBack NONE = new WayBack() {
        @Override
        public String arm() {
            return "no way back: failback.enabled is false";
        }

        @Override
        public void disarm() {
        }
    };
}
