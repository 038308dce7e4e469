package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static io.tandem.engine.config.ConfigFixtures.minimalWith;
import static io.tandem.engine.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {

    @Test
    void outOfRangeNamesKeyBoundsAndValue() {
        List<ConfigProblem> problems = problems(minimalWith("source", "port: 70000"));
        assertEquals(List.of(new ConfigProblem("source.port", "must be between 1 and 65535, got 70000")), problems);
        assertProblem(problems(MINIMAL + "snapshot:\n  parallelism: 65\n"), "snapshot.parallelism", "between 1 and 64");
        assertProblem(problems(MINIMAL + "apply:\n  batch-max-rows: 0\n"), "apply.batch-max-rows", "between 1 and 1000000");
        assertProblem(problems(MINIMAL + "retry:\n  max-attempts: -1\n"), "retry.max-attempts", "between 0 and");
        assertProblem(problems(minimalWith("source", "server-id: 0")), "source.server-id", "between 1 and 4294967295");
    }

    @Test
    void controlDatabaseAndHeartbeatIntervalAreChecked() {
        assertProblem(problems(MINIMAL.replace("databases: [shop]", "databases: [shop]\n  control-database: shop")),
                "source.control-database", "replicates", "choose another database");
        assertProblem(problems(MINIMAL + "lag:\n  heartbeat-interval: 5ms\n"), "lag.heartbeat-interval", "at least");
        assertProblem(problems(MINIMAL + "lag:\n  heartbeat-interval: 2m\n"), "lag.heartbeat-interval", "at most 60s");
    }

    @Test
    void wrongTypesAreNamed() {
        assertProblem(problems(minimalWith("source", "port: abc")), "source.port", "whole number", "\"abc\"");
        assertProblem(problems(minimalWith("source", "port: 3306.5")), "source.port", "integer");
        assertProblem(problems(MINIMAL + "snapshot:\n  parallelism: [1]\n"), "snapshot.parallelism", "got a list");
        assertProblem(problems(MINIMAL.replace("user: tandem\n  databases", "user: 1234\n  databases")), "source.user", "quotes");
        assertProblem(problems(MINIMAL.replace("databases: [shop]", "databases: shop")), "source.databases", "must be a list");
        assertProblem(problems(MINIMAL + "apply: 5\n"), "apply", "must be a mapping", "batch-max-rows");
        assertProblem(problems("- source\n- target\n"), ConfigTree.ROOT, "YAML mapping");
    }

    @Test
    void enumsListTheirChoices() {
        assertProblem(problems(minimalWith("source", "flavor: percona")), "source.flavor",
                "one of auto, mysql, mariadb", "\"percona\"");
        assertProblem(problems(minimalWith("target", "ssl-mode: verify_full")), "target.ssl-mode",
                "disable, prefer, require, verify-ca, verify-full");
        assertProblem(problems(MINIMAL + "errors:\n  on-bad-row: skip\n"), "errors.on-bad-row", "fail, dead-letter");
        assertProblem(problems(MINIMAL + "names:\n  case: upper\n"), "names.case", "lower, keep");
        assertProblem(problems(MINIMAL + "ddl:\n  on-unsupported: ignore\n"), "ddl.on-unsupported", "resync, fail, skip");
    }

    @Test
    void missingRequiredKeysAreEachReported() {
        List<ConfigProblem> problems = problems("");
        assertProblem(problems, "source.host", "is missing", "add host: under source:");
        assertProblem(problems, "source.user", "is missing");
        assertProblem(problems, "source.databases", "is missing");
        assertProblem(problems, "target.host", "target.url");
        assertProblem(problems, "target.database", "is required");
        assertProblem(problems, "target.user", "is missing");
        assertProblem(problems(MINIMAL.replace("databases: [shop]", "databases: []")), "source.databases", "at least one");
    }

    @Test
    void unknownKeysGetASuggestion() {
        assertProblem(problems(minimalWith("source", "prot: 3306")), "source.prot", "did you mean source.port?");
        assertProblem(problems(MINIMAL + "apply:\n  batch_max_rows: 5\n"), "apply.batch_max_rows",
                "did you mean apply.batch-max-rows?");
        assertProblem(problems(MINIMAL + "snapshots:\n  parallelism: 2\n"), "snapshots", "did you mean snapshot?");
        assertProblem(problems(MINIMAL + "port: 3306\n"), "port", "did you mean source.port or target.port?");
        assertProblem(problems(minimalWith("source", "colour: blue")), "source.colour",
                "valid keys in source are host, port, user");
    }

    @Test
    void badDurationsAndSizes() {
        assertProblem(problems(MINIMAL + "apply:\n  max-batch-wait: 200\n"), "apply.max-batch-wait", "needs a unit", "200ms");
        assertProblem(problems(MINIMAL + "apply:\n  max-batch-wait: 5sec\n"), "apply.max-batch-wait", "unknown duration unit");
        assertProblem(problems(MINIMAL + "retry:\n  initial-backoff: soon\n"), "retry.initial-backoff", "like 200ms");
        assertProblem(problems(MINIMAL + "apply:\n  batch-max-bytes: 64MB\n"), "apply.batch-max-bytes", "MiB", "ambiguous");
        assertProblem(problems(MINIMAL + "apply:\n  batch-max-bytes: lots\n"), "apply.batch-max-bytes", "64MiB");
        assertProblem(problems(MINIMAL + "apply:\n  queue-max-bytes: 99999999999TiB\n"), "apply.queue-max-bytes", "too large");
    }

    @Test
    void crossFieldRulesNameTheDependentKey() {
        assertProblem(problems(MINIMAL + "apply:\n  batch-max-bytes: 64MiB\n  queue-max-bytes: 1MiB\n"),
                "apply.queue-max-bytes", "at least apply.batch-max-bytes (64MiB)");
        assertProblem(problems(MINIMAL + "retry:\n  initial-backoff: 5s\n  max-backoff: 1s\n"),
                "retry.max-backoff", "at least retry.initial-backoff (5s)");
        assertProblem(problems(minimalWith("target", "url: jdbc:postgresql://pg/app")), "target.host",
                "cannot be combined with target.url");
    }

    @Test
    void tokenRequiredWhenListeningBeyondLoopback() {
        assertProblem(problems(MINIMAL + "control:\n  listen: 0.0.0.0:8080\n"), "control.token",
                "required", "0.0.0.0:8080", "not a loopback");
        assertProblem(problems(MINIMAL + "control:\n  listen: tandem.example.com:8080\n"), "control.token", "required");
        assertProblem(problems(MINIMAL + "control:\n  listen: 8080\n"), "control.listen", "host:port");
        assertProblem(problems(MINIMAL + "control:\n  listen: 127.0.0.1:70000\n"), "control.listen", "0 and 65535");
    }

    @Test
    void tablePatternsMustBeWellFormedAndMatchAListedDatabase() {
        String yaml = minimalWith("source", "tables:\n    include: [shop.orders, shopp.*, orders]\n    exclude: [\"*.tmp\"]");
        List<ConfigProblem> problems = problems(yaml);
        assertProblem(problems, "source.tables.include[2]", "db.table");
        String fixed = yaml.replace(", orders]", "]");
        assertProblem(problems(fixed), "source.tables.include[1]", "shopp.* matches no database in source.databases [shop]");
        assertProblem(problems(MINIMAL.replace("databases: [shop]", "databases: [shop, shop]")), "source.databases", "twice");
        assertProblem(problems(MINIMAL.replace("databases: [shop]", "databases: [my.shop]")), "source.databases[0]", "no dots");
    }

    @Test
    void nameIsRestricted() {
        assertProblem(problems("name: my tandem!\n" + MINIMAL), "name", "letters, digits, _ and -", "\"my tandem!\"");
    }

    @Test
    void everyProblemInAFileIsReportedTogether() {
        String yaml = """
                name: ok
                source:
                  host: mysql
                  port: 0
                  user: tandem
                  databases: [shop]
                  flavour: mysql
                target:
                  url: jdbc:postgresql://pg/app?loggerFile=/tmp/x
                  user: tandem
                apply:
                  max-batch-wait: 10
                control:
                  listen: 0.0.0.0:8080
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFixtures.parse(yaml));
        List<String> paths = e.problems().stream().map(ConfigProblem::path).sorted().toList();
        assertEquals(List.of("apply.max-batch-wait", "control.token", "source.flavour", "source.port", "target.url"),
                paths, e.getMessage());
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid configuration (5 problems):\n"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  source.port: must be between 1 and 65535, got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  source.flavour: unknown key; did you mean source.flavor?"), e.getMessage());
    }

    @Test
    void invalidYamlAndDuplicateKeysAreReportedWithoutQuotingTheLine() {
        List<ConfigProblem> invalid = problems(MINIMAL + "  password: [hunter2\n");
        assertProblem(invalid, ConfigTree.ROOT, "not valid YAML", "line");
        assertTrue(invalid.toString().indexOf("hunter2") < 0, invalid.toString());
        List<ConfigProblem> duplicate = problems(minimalWith("source", "password: hunter2\n  password: hunter3"));
        assertProblem(duplicate, "source.password", "is given twice", "line");
        assertTrue(duplicate.toString().indexOf("hunter") < 0, duplicate.toString());
    }
}
