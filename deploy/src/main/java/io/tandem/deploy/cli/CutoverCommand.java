package io.tandem.deploy.cli;

import io.tandem.cutover.Direction;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code tandem cutover}: asks the running daemon to switch the application to PostgreSQL. */
@Command(name = "cutover", description = "Switch from MySQL to PostgreSQL: gate, freeze, fence, drain, verify, "
        + "sequences, open. Runs in the daemon started with `tandem run`. Exit 0 completed, 1 refused or aborted, 2 "
        + "no daemon answers or an invalid configuration.")
public final class CutoverCommand extends SwitchCommand {

    public CutoverCommand() {
        this(System.out);
    }

    /** @param out where the steps and the outcome are printed */
    public CutoverCommand(PrintStream out) {
        super(Direction.CUTOVER, out);
    }
}
