package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static io.tandem.engine.config.ConfigFixtures.minimalWith;
import static io.tandem.engine.config.ConfigFixtures.parse;
import static io.tandem.engine.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    private static final String SECRET = "hunter2-correct-horse";

    @Test
    void secretPrintsMaskedAndRevealsOnlyOnRequest() throws Exception {
        Secret secret = Secret.of(SECRET);
        assertEquals("****", secret.toString());
        assertEquals(SECRET, secret.reveal());
        assertTrue(secret.matches(SECRET));
        assertFalse(secret.matches("hunter2"));
        assertEquals(Secret.of(SECRET), secret);
        assertEquals("\"****\"", new ObjectMapper().writeValueAsString(secret));
    }

    @Test
    void envReferencesResolveInSecretsAndPlainStrings() {
        TandemConfig config = parse(MINIMAL.replace("host: mysql.internal", "host: ${env:MYSQL_HOST}.internal")
                        .replace("  user: tandem\n  databases", "  user: tandem\n  password: ${env:MYSQL_PW}\n  databases")
                        .replace("host: pg.internal", "host: pg.internal\n  port: ${env:PGPORT}"),
                Map.of("MYSQL_HOST", "mysql-7", "MYSQL_PW", SECRET, "PGPORT", "6543"));
        assertEquals("mysql-7.internal", config.source().host());
        assertEquals(SECRET, config.source().password().orElseThrow().reveal());
        assertTrue(config.target().jdbcUrl().contains(":6543/"));
    }

    @Test
    void fileReferencesResolveRelativeToTheBaseDirWithoutTrailingNewline(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pw"), SECRET + "\n");
        Files.writeString(dir.resolve("token"), "tok-" + SECRET + "\r\n");
        String yaml = minimalWith("target", "password: ${file:pw}")
                + "control:\n  listen: 0.0.0.0:0\n  token: ${file:" + dir.resolve("token") + "}\n";
        TandemConfig config = new ConfigLoader(name -> null).parse(yaml, dir);
        assertEquals(SECRET, config.target().password().orElseThrow().reveal());
        assertEquals("tok-" + SECRET, config.control().token().orElseThrow().reveal());
    }

    @Test
    void missingEnvVarNamesKeyAndVariableButNoValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(
                minimalWith("source", "password: ${env:MYSQL_PW}") + "control:\n  listen: 127.0.0.1:${env:CONTROL_PORT}\n",
                Map.of("UNRELATED", SECRET)));
        assertProblem(e.problems(), "source.password", "environment variable MYSQL_PW is not set");
        assertProblem(e.problems(), "control.listen", "environment variable CONTROL_PORT is not set");
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void unreadableFileNamesKeyAndPath(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(name -> null)
                .parse(minimalWith("target", "password: ${file:missing}"), dir));
        assertProblem(e.problems(), "target.password", "cannot read file " + dir.resolve("missing"), "NoSuchFileException");
    }

    @Test
    void unknownReferencesAreProblemsAndDollarDollarEscapes() {
        assertProblem(problems(minimalWith("source", "password: ${PGPASSWORD}")), "source.password",
                "unknown reference ${…}", "${env:NAME}");
        assertProblem(problems(minimalWith("source", "host2: x")), "source.host2", "did you mean source.host?");
        assertProblem(problems(MINIMAL.replace("user: tandem\n  databases", "user: ${HOME}\n  databases")),
                "source.user", "unknown reference ${HOME}");
        assertProblem(problems(minimalWith("source", "password: abc${env:X")), "source.password", "unterminated");
        TandemConfig config = parse(minimalWith("source", "password: \"a$${env:X}b\""));
        assertEquals("a${env:X}b", config.source().password().orElseThrow().reveal());
    }

    @Test
    void secretValuesNeverAppearInProblems() {
        String yaml = minimalWith("source", "password: 12345678")
                + "control:\n  token: \"" + SECRET + "${oops}\"\n";
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertProblem(e.problems(), "source.password", "must be a string", "quotes");
        assertProblem(e.problems(), "control.token", "unknown reference");
        assertFalse(e.getMessage().contains("12345678"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains("oops"), e.getMessage());
    }

    @Test
    void urlProblemsNeverQuoteTheUrl() {
        List<ConfigProblem> problems = problems(MINIMAL.replace("  host: pg.internal\n  database: app\n",
                "  url: jdbc:postgresql://admin:" + SECRET + "@pg.internal/app\n"));
        assertProblem(problems, "target.url", "must not contain credentials");
        assertFalse(problems.toString().contains(SECRET), problems.toString());
    }
}
