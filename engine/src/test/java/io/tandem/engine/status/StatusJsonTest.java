package io.tandem.engine.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import io.tandem.engine.lag.LagPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

    private final ObjectMapper mapper = StatusJson.newMapper();

    private final PipelineStatus status = new PipelineStatus("SNAPSHOT", Instant.parse("2025-01-01T10:00:00Z"),
            List.of(new TableProgress("sakila.film", TableState.COPYING, 400, 1000, 200.0, Duration.ofMillis(3000)),
                    new TableProgress("sakila.actor", TableState.PENDING, 0, 200, 0, null)),
            "mysql-bin.000003:4711", 1234.5, null, 99, 1, 0, null,
                List.of(new PolicyCount("sakila.film", "released", "zero-date", "null", 3)),
            0.2, 0.8, 2L, List.of(new LagPoint(Instant.parse("2025-01-01T09:59:55Z"), 0.8)), 0.05);

    @Test
    void writesInstantsAsIsoStringsAndEtaAsSeconds() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(status));

        assertEquals("2025-01-01T10:00:00Z", json.get("since").asText());
        assertTrue(json.get("lagSeconds").isNull());
        assertEquals(3.0, json.at("/tables/0/etaSeconds").asDouble());
        assertTrue(json.at("/tables/1/etaSeconds").isNull());
        assertEquals("COPYING", json.at("/tables/0/state").asText());
        assertEquals("zero-date", json.at("/values/0/reason").asText());
        assertEquals(3, json.at("/values/0/rows").asLong());
        assertEquals(0.8, json.get("lagP99Seconds").asDouble());
        assertEquals(2, json.get("heartbeatSeqGap").asLong());
        assertEquals("2025-01-01T09:59:55Z", json.at("/lagSeries/0/at").asText());
        assertEquals(0.8, json.at("/lagSeries/0/maxLagSeconds").asDouble());
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        assertEquals(status, mapper.readValue(mapper.writeValueAsBytes(status), PipelineStatus.class));
    }
}
