package io.tandem.deploy.cli;

import io.tandem.cutover.Direction;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code tandem failback}: asks the running daemon to switch the application back to MySQL after a cutover. */
@Command(name = "failback", description = "Switch back from PostgreSQL to MySQL after a cutover: gate, revoke the "
        + "application's writes on PostgreSQL, fence through the reverse stream, drain, verify, AUTO_INCREMENT, open "
        + "MySQL. Runs in the daemon started with `tandem run`. Exit 0 completed, 1 refused or aborted, 2 no daemon "
        + "answers or an invalid configuration.")
public final class FailbackCommand extends SwitchCommand {

    public FailbackCommand() {
        this(System.out);
    }

    /** @param out where the steps and the outcome are printed */
    public FailbackCommand(PrintStream out) {
        super(Direction.FAILBACK, out);
    }
}
