package io.tandem.cutover;

import java.util.Locale;

/** Which way a switch attempt moves the application. */
public enum Direction {
    /** From MySQL/MariaDB to PostgreSQL. */
    CUTOVER(Primary.POSTGRES),
    /** Back from PostgreSQL to MySQL/MariaDB. */
    FAILBACK(Primary.MYSQL);

    /** The database the application writes to. */
    public enum Primary { MYSQL, POSTGRES }

    private final Primary primaryAfter;

    Direction(Primary primaryAfter) {
        this.primaryAfter = primaryAfter;
    }

    /** The application's database once an attempt in this direction committed. */
    public Primary primaryAfter() {
        return primaryAfter;
    }

    /** The application's database when an attempt in this direction did not commit. */
    public Primary primaryBefore() {
        return this == CUTOVER ? Primary.MYSQL : Primary.POSTGRES;
    }

    /** As stored in the journal and shown in reports: {@code cutover}, {@code failback}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Direction ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
