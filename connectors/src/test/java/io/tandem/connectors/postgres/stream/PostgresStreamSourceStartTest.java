package io.tandem.connectors.postgres.stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.config.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresStreamSourceStartTest {

    @Test
    void aServerThatCannotBeReachedFailsTheStartAndStopsTheSource() {
        ReverseSourceSettings settings = new ReverseSourceSettings("gone", "127.0.0.1", 1, "db", "u", Secret.of("p"),
                "disable", Map.of(), "slot", "pub", "tandem", 10, 20, Duration.ofSeconds(1));
        PostgresStreamSource source = new PostgresStreamSource(settings, Map.of(), partition -> Optional.empty(),
                ReverseMode.SHADOW, write -> { }, events -> { });
        IllegalStateException failure = assertThrows(IllegalStateException.class, source::start);
        assertTrue(failure.getMessage().contains("127.0.0.1:1"), failure.getMessage());
        assertTrue(source.stopped().isCompletedExceptionally());
        source.close();
    }
}
