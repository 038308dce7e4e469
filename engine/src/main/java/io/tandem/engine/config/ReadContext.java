package io.tandem.engine.config;

/** What a {@link ValueType} needs while reading: somewhere to report and a way to resolve references. */
record ReadContext(References references, Problems problems) {
    void problem(String path, String message) {
        problems.add(path, message);
    }

    /** The text with {@code ${env:…}}/{@code ${file:…}} replaced, or null if a reference failed. */
    String resolve(String path, String text, boolean secret) {
        return references.resolve(path, text, secret, problems);
    }
}
