package io.tandem.deploy;

import io.tandem.deploy.cli.CutoverCommand;
import io.tandem.deploy.cli.DemoCommand;
import io.tandem.deploy.cli.FailbackCommand;
import io.tandem.deploy.cli.PlanCommand;
import io.tandem.deploy.cli.ResyncCommand;
import io.tandem.deploy.cli.RunCommand;
import io.tandem.deploy.cli.StatusCommand;
import io.tandem.deploy.cli.VerifyCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tandem} command line. */
@Command(name = "tandem", mixinStandardHelpOptions = true, version = "tandem 0.1.0",
        description = "Zero-downtime MySQL/MariaDB to PostgreSQL migration by change data capture.",
        subcommands = {RunCommand.class, PlanCommand.class, VerifyCommand.class, CutoverCommand.class,
            FailbackCommand.class, ResyncCommand.class, DemoCommand.class, StatusCommand.class})
public final class Main {

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
