package io.tandem.engine.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared YAML snippets and helpers: a minimal valid config and a loader with a fake environment. */
final class ConfigFixtures {
    static final String MINIMAL = """
            source:
              host: mysql.internal
              user: tandem
              databases: [shop]
            target:
              host: pg.internal
              database: app
              user: tandem
            """;

    private ConfigFixtures() {
    }

    static TandemConfig parse(String yaml) {
        return parse(yaml, Map.of());
    }

    static TandemConfig parse(String yaml, Map<String, String> env) {
        return new ConfigLoader(env::get).parse(yaml, Path.of("."));
    }

    static List<ConfigProblem> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    static List<ConfigProblem> problems(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> parse(yaml, env)).problems();
    }

    /** Asserts there is a problem at {@code path} whose message contains every fragment. */
    static void assertProblem(List<ConfigProblem> problems, String path, String... fragments) {
        assertTrue(problems.stream().anyMatch(p -> p.path().equals(path) && containsAll(p.message(), fragments)),
                () -> "expected a problem at " + path + " mentioning " + List.of(fragments) + ", got " + problems);
    }

    /** The minimal config with {@code key: value} added to (or replacing) a line of a section. */
    static String minimalWith(String section, String line) {
        return MINIMAL.replace(section + ":\n", section + ":\n  " + line + "\n");
    }

    private static boolean containsAll(String message, String... fragments) {
        for (String fragment : fragments) {
            if (!message.contains(fragment)) {
                return false;
            }
        }
        return true;
    }
}
