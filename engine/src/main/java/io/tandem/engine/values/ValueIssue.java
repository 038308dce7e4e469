package io.tandem.engine.values;

/** Why a value cannot be stored as it is; {@link #label()} is how status, metrics and dead letters name it. */
public enum ValueIssue {
    ZERO_DATE("zero-date", "values.zero-dates"),
    NUL_CHARACTER("nul-character", "values.nul-characters");

    private final String label;
    private final String configKey;

    ValueIssue(String label, String configKey) {
        this.label = label;
        this.configKey = configKey;
    }

    public String label() {
        return label;
    }

    /** The option that decides what happens to it. */
    public String configKey() {
        return configKey;
    }
}
