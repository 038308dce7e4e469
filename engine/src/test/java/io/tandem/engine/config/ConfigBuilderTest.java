package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigBuilderTest {

    private static ConfigBuilder embedded() {
        return TandemConfig.builder()
                .set("name", "demo")
                .set("source.host", "127.0.0.1").set("source.port", 33061).set("source.user", "root")
                .set("source.password", Secret.of("root-pw"))
                .set("source.databases", List.of("shop"))
                .set("target.url", "jdbc:postgresql://127.0.0.1:54321/postgres").set("target.user", "postgres")
                .set("control.listen", "127.0.0.1:0");
    }

    @Test
    void buildsTheSameRecordsAsAFile() {
        TandemConfig config = embedded()
                .set("source.flavor", SourceConfig.Flavor.MARIADB)
                .set("apply.max-batch-wait", Duration.ofMillis(50))
                .build();
        assertEquals(33061, config.source().port());
        assertEquals("root-pw", config.source().password().orElseThrow().reveal());
        assertEquals(SourceConfig.Flavor.MARIADB, config.source().flavor());
        assertEquals(Duration.ofMillis(50), config.apply().maxBatchWait());
        assertEquals("jdbc:postgresql://127.0.0.1:54321/postgres?sslmode=prefer", config.target().jdbcUrl());
        assertEquals(0, config.control().port());
    }

    @Test
    void validatesLikeAFile() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> embedded().set("source.prot", 1).set("snapshot.parallelism", 100).build());
        assertProblem(e.problems(), "source.prot", "did you mean source.port?");
        assertProblem(e.problems(), "snapshot.parallelism", "between 1 and 64, got 100");
    }
}
