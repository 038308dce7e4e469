package io.tandem.engine.values;

/** What a policy did to one value; {@link #label()} names it in status, metrics and logs. */
public enum PolicyAction {
    /** Written as SQL NULL. */
    NULL("null"),
    /** Written as {@code -infinity}. */
    INFINITY("-infinity"),
    /** Written without its NUL characters. */
    STRIP("strip"),
    /** The row was not applied and is in {@code tandem.dead_letter}. */
    DEAD_LETTER("dead-letter");

    private final String label;

    PolicyAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
