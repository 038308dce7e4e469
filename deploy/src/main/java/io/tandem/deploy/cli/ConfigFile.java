package io.tandem.deploy.cli;

import io.tandem.engine.config.ConfigException;
import io.tandem.engine.config.TandemConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} of every command that reads tandem's configuration (a picocli mixin). */
final class ConfigFile {

    /** The exit code of a command given an invalid configuration. */
    static final int INVALID = 2;

    @Option(names = {"-c", "--config"}, required = true, description = "The YAML configuration file.")
    Path path;

    /** The validated configuration, or empty after printing every problem, each naming its key and the fix. */
    Optional<TandemConfig> load(PrintWriter err) {
        try {
            return Optional.of(TandemConfig.load(path));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }
}
