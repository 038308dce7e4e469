package io.tandem.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.cutover.verify.Verification;
import io.tandem.cutover.verify.VerifyListener;
import io.tandem.cutover.verify.VerifyResult;
import io.tandem.cutover.verify.VerifySetup;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows a value policy kept off the target (dead-lettered) and values it changed (a NUL stripped, a zero date made
 * {@code -infinity}) are what tandem writes, so verification finds no difference in them.
 */
class VerifyValuePoliciesTest {

    @Test
    void deadLetteredRowsAndChangedValuesAreNoDifference(@TempDir Path directory) throws Exception {
        SourceFixture fixture = SourceFixture.withoutSakila("verify_policies");
        fixture.onSource("SET SESSION sql_mode = ''",
                "CREATE TABLE z (id INT PRIMARY KEY, d DATE NULL, dn DATE NOT NULL, v VARCHAR(10))",
                "INSERT INTO z VALUES (1, '2024-01-02', '2024-01-02', 'ok'), (2, '2024-01-02', '0000-00-00', 'a'),"
                        + " (3, '0000-00-00', '2024-01-02', 'ok'), (4, '2024-01-02', '2024-01-02', CONCAT('a', CHAR(0)))");
        String yaml = "values:\n  zero-dates: dead-letter\n  nul-characters: strip\nverify:\n  chunk-rows: 2\n";
        TandemConfig config = TandemConfig.load(fixture.writeConfig(directory, yaml));
        try (Daemon daemon = Daemon.start(config, line -> { }, 60_000)) {
            assertEquals(2, fixture.count("z"), "rows 2 and 3 are dead-lettered");
            try (VerifySetup setup = VerifySetup.open(config)) {
                VerifyResult result = new Verification(setup, VerifyListener.NONE).run();
                assertEquals(VerifyResult.Verdict.EQUAL, result.verdict(), result.summary() + result.differences());
                assertEquals(4, result.rows(), "rows read on the source, dead-lettered ones included");
            }
        }
    }
}
