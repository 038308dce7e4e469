package io.tandem.sink.postgres.wayback;

import java.util.Objects;

/**
 * One result of {@link WayBackChecks}, for {@code tandem plan} and the cutover gate.
 *
 * @param check a stable short name ({@code wal_level}, {@code replication_role}, …)
 * @param message what was found and, unless it passes, the setting or privilege to change and how
 */
public record WayBackFinding(String check, Verdict verdict, String message) {

    public enum Verdict {
        /** Fine as it is. */
        PASS,
        /** Worth knowing; changes nothing. */
        NOTE,
        /** Works, with a risk an operator should take knowingly. */
        WARN,
        /** The way back cannot be armed (or cannot be trusted) until this is fixed. */
        FAIL
    }

    public WayBackFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
    }

    public boolean blocking() {
        return verdict == Verdict.FAIL;
    }

    static WayBackFinding pass(String check, String message) {
        return new WayBackFinding(check, Verdict.PASS, message);
    }

    static WayBackFinding note(String check, String message) {
        return new WayBackFinding(check, Verdict.NOTE, message);
    }

    static WayBackFinding warn(String check, String message) {
        return new WayBackFinding(check, Verdict.WARN, message);
    }

    static WayBackFinding fail(String check, String message) {
        return new WayBackFinding(check, Verdict.FAIL, message);
    }
}
