package io.tandem.deploy.it.types;

/** Keeps failure messages readable when a value is a megabyte long. */
final class Shorten {

    private static final int MAX = 120;

    private Shorten() {
    }

    static String text(String value) {
        if (value == null) {
            return "NULL";
        }
        return value.length() <= MAX ? value
                : value.substring(0, MAX) + "… (" + value.length() + " characters)";
    }
}
