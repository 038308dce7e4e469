package io.tandem.connectors.mysql.check;

import java.util.Objects;

/**
 * One preflight check's outcome.
 *
 * @param name what was checked, e.g. {@code binlog_format} or {@code privilege REPLICATION SLAVE}
 * @param message for a failure, what is wrong and how to fix it; for a pass, what was found
 */
public record CheckResult(String name, boolean ok, String message) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
    }

    static CheckResult pass(String name, String message) {
        return new CheckResult(name, true, message);
    }

    static CheckResult fail(String name, String message) {
        return new CheckResult(name, false, message);
    }

    @Override
    public String toString() {
        return (ok ? "ok   " : "FAIL ") + name + ": " + message;
    }
}
