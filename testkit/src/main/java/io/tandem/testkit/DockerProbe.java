package io.tandem.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine is reachable. Asking Testcontainers directly on a machine without Docker
 * is slow and logs a long error, so it is only asked when there is a sign of an engine: DOCKER_HOST,
 * a Testcontainers configuration file, or one of the usual socket files.
 */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean isDockerAvailable(Map<String, String> environment) {
        return hasSignOfDocker(environment) && DockerClientFactory.instance().isDockerAvailable();
    }

    private static boolean hasSignOfDocker(Map<String, String> environment) {
        if (environment.containsKey("DOCKER_HOST")) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        Stream<Path> runtimeSocket = Stream.ofNullable(environment.get("XDG_RUNTIME_DIR")).map(dir -> Path.of(dir, "docker.sock"));
        List<Path> candidates = Stream.concat(runtimeSocket, Stream.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".testcontainers.properties"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock"))).toList();
        return candidates.stream().anyMatch(Files::exists);
    }
}
