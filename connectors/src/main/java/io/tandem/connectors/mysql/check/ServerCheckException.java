package io.tandem.connectors.mysql.check;

import java.util.List;
import java.util.stream.Collectors;

/** The source is not ready for tandem; the message lists every failed check with its fix, not just the first. */
public class ServerCheckException extends RuntimeException {

    private final List<CheckResult> failures;

    public ServerCheckException(List<CheckResult> failures) {
        super(failures.size() + " source server check(s) failed:\n"
                + failures.stream().map(f -> "  - " + f.message()).collect(Collectors.joining("\n")));
        this.failures = List.copyOf(failures);
    }

    public List<CheckResult> failures() {
        return failures;
    }
}
