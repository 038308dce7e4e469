package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.deploy.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tandem run} with a broken config stops before connecting anywhere, naming every bad key. */
class InvalidConfigTest {

    @Test
    void everyProblemIsReportedWithItsKeyAndNoSecretIsPrinted(@TempDir Path directory) throws Exception {
        Path config = Files.writeString(directory.resolve("tandem.yml"), """
                source:
                  host: db.internal
                  prot: 3306
                  user: tandem
                  password: s3cret-value
                  databases: []
                target:
                  url: jdbc:postgresql://pg/db?socketFactory=evil.Factory
                  user: tandem
                apply:
                  max-batch-wait: 10
                control:
                  listen: 0.0.0.0:8080
                """);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int exitCode;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exitCode = new CommandLine(new Main()).execute("run", "--config", config.toString());
        } finally {
            System.setErr(originalErr);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, exitCode, output);
        for (String key : new String[] {"source.prot", "source.databases", "target.url", "apply.max-batch-wait",
                "control.token"}) {
            assertTrue(output.contains(key), "no problem named " + key + " in:\n" + output);
        }
        assertTrue(output.contains("source.port"), "the unknown key should suggest source.port:\n" + output);
        assertFalse(output.contains("s3cret-value"), "a secret was printed:\n" + output);
    }
}
