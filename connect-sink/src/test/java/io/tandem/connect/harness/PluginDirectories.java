package io.tandem.connect.harness;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A worker laid out as in production: its class path holds Kafka Connect only, and each connector comes from its
 * own directory under {@code plugin.path}, loaded in isolation. tandem's sink gets what its Connect plugin archive
 * holds (tandem's jars and {@code target/plugin-lib}, which the POM fills for the archive); Debezium's MariaDB and
 * MySQL connectors get their jars plus {@code tandem-debezium-converters}, as the README tells users to install
 * them. A class the archive lacks therefore fails the test instead of being found on the test's class path.
 */
public final class PluginDirectories {

    /** tandem's modules the sink runs on, by their directory in the build. */
    private static final List<String> SINK_MODULES = List.of("connect-sink", "engine", "connectors", "sink-postgres",
            "debezium-converters");
    /** Packages of the source connectors and their drivers, as paths in the local Maven repository. */
    private static final List<String> SOURCE_CONNECTOR_PATHS = List.of("/io/debezium/", "/org/mariadb/",
            "/com/mysql/", "/com/zendesk/", "/org/antlr/", "/com/google/protobuf/");

    private final Path pluginPath;
    private final String workerClassPath;

    private PluginDirectories(Path pluginPath, String workerClassPath) {
        this.pluginPath = pluginPath;
        this.workerClassPath = workerClassPath;
    }

    /** Lays the plugins out under {@code root} from the test's class path. */
    public static PluginDirectories build(String testClassPath, Path root) throws IOException {
        Path sink = Files.createDirectories(root.resolve("tandem-connect-sink"));
        Path source = Files.createDirectories(root.resolve("debezium-mysql-mariadb"));
        Path pluginLib = Path.of("target", "plugin-lib").toAbsolutePath();
        Set<String> pluginLibraries;
        try (Stream<Path> jars = Files.list(pluginLib)) {
            List<Path> libraries = jars.toList();
            for (Path jar : libraries) {
                Files.copy(jar, sink.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            pluginLibraries = libraries.stream().map(jar -> jar.getFileName().toString()).collect(Collectors.toSet());
        }
        List<String> worker = new ArrayList<>();
        for (String entry : testClassPath.split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            String module = tandemModule(path);
            if (module != null) {
                if (path.getFileName().toString().equals("test-classes")) {
                    if (module.equals("connect-sink")) {
                        worker.add(entry); // the worker's logging configuration; no connector class is in it
                    }
                } else if (SINK_MODULES.contains(module)) {
                    Path jar = sink.resolve("tandem-" + module + ".jar");
                    copyOrJar(path, jar);
                    if (module.equals("debezium-converters")) {
                        Files.copy(jar, source.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } else if (SOURCE_CONNECTOR_PATHS.stream().anyMatch(p -> path.toString().replace('\\', '/').contains(p))) {
                Files.copy(path, source.resolve(path.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } else if (!pluginLibraries.contains(path.getFileName().toString()) || isWorkerLibrary(path)) {
                worker.add(entry);
            }
        }
        return new PluginDirectories(root, String.join(File.pathSeparator, worker));
    }

    /** The worker's {@code plugin.path}. */
    public Path pluginPath() {
        return pluginPath;
    }

    /** The worker's class path: the test's, without tandem, the source connectors and the sink's libraries. */
    public String workerClassPath() {
        return workerClassPath;
    }

    /** Jackson's core: every Kafka distribution's {@code libs/} has it, for Connect's REST and JSON converter. */
    private static boolean isWorkerLibrary(Path jar) {
        return jar.toString().replace('\\', '/').contains("/com/fasterxml/jackson/core/");
    }

    /** The name of the tandem module a class path entry was built in, or null for a library. */
    private static String tandemModule(Path entry) {
        Path parent = entry.getParent();
        if (parent == null || !parent.getFileName().toString().equals("target")) {
            return null;
        }
        Path module = parent.getParent();
        return module != null && Files.exists(module.resolve("pom.xml")) ? module.getFileName().toString() : null;
    }

    /** A module as a jar: the jar Maven packaged, or its classes directory put into one. */
    private static void copyOrJar(Path entry, Path jar) throws IOException {
        if (Files.isRegularFile(entry)) {
            Files.copy(entry, jar, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream archive = new JarOutputStream(out);
                Stream<Path> files = Files.walk(entry)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                archive.putNextEntry(new JarEntry(entry.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, archive);
                archive.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
