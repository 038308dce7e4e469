package io.tandem.engine.values;

import io.tandem.engine.config.ConfigEnum;

/** {@code values.nul-characters}: U+0000 in text, or the escape {@code \u0000} in JSON. */
public enum NulPolicy implements ConfigEnum {
    /** The character (the escape, in JSON) is removed; everything else stays. */
    STRIP,
    /** The row is not applied; it is recorded in {@code tandem.dead_letter}. */
    DEAD_LETTER,
    /** Replication stops, naming the row and the fix. */
    FAIL
}
