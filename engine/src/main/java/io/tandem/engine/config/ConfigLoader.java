package io.tandem.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads YAML into a {@link TandemConfig}: flatten against the option table, read every option,
 * cross-check, and throw one {@link ConfigException} with every problem. The environment is
 * injected so tests can exercise {@code ${env:…}} without touching the real one.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            // A key given twice would otherwise be silently last-one-wins.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ConfigTree TREE = new ConfigTree(Options.ALL);

    private final Function<String, String> environment;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    /** Loads a file; {@code ${file:…}} paths are relative to the file's directory. */
    public TandemConfig load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String yaml;
        try {
            yaml = Files.readString(absolute);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(ConfigTree.ROOT,
                    "cannot read " + absolute + " (" + e.getClass().getSimpleName() + "); check the --config path")));
        }
        return parse(yaml, absolute.getParent());
    }

    public TandemConfig parse(String yaml, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            // Our own message: the parser's would quote the offending line, which may hold a password.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // Jackson has no dedicated exception type for duplicates; its wording is stable across 2.x.
            ConfigProblem problem = e.getOriginalMessage().startsWith("Duplicate field")
                    ? new ConfigProblem(keyPath(e), "is given twice" + where + "; keep one")
                    : new ConfigProblem(ConfigTree.ROOT, "the file is not valid YAML" + where);
            throw new ConfigException(List.of(problem));
        }
        return from(root, baseDir);
    }

    /** The dotted path of the key the parser stopped at, e.g. {@code source.password}. */
    private static String keyPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return ConfigTree.ROOT;
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = parser.getParsingContext(); c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                path.insert(0, path.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
            }
        }
        return path.length() == 0 ? ConfigTree.ROOT : path.toString();
    }

    TandemConfig from(JsonNode root, Path baseDir) {
        Problems problems = new Problems();
        Map<String, JsonNode> raw = TREE.flatten(root, problems);
        Values values = new Values(raw, new References(environment, baseDir), problems);
        TandemConfig config = TandemConfig.read(values);
        problems.throwIfAny(Options.ALL);
        return config;
    }
}
