package io.tandem.deploy.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tandem.deploy.replication.ExportedMetrics;
import io.tandem.engine.control.ControlServer;
import io.tandem.engine.control.PipelineControl;
import io.tandem.engine.control.PipelineRoutes;
import io.tandem.engine.metrics.MetricFamily;
import io.tandem.engine.metrics.MetricRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the ServiceMonitor against what {@code /metrics} really serves: a control server with
 * the daemon's routes and metric registry (no databases) is scraped, and every metric and label the dashboard
 * queries must be in that scrape.
 */
class MetricsFilesTest {

    private static final Pattern METRIC = Pattern.compile("\\btandem_[a-z0-9_]+");
    private static final Pattern BY = Pattern.compile("\\bby \\(([^)]*)\\)");
    /** Labels Prometheus adds to every scraped series. */
    private static final Set<String> TARGET_LABELS = Set.of("instance", "job");
    private static final String TOKEN = "scrape-token";

    private final MetricRegistry registry = ExportedMetrics.registry();
    private ControlServer control;

    @BeforeEach
    void startControlServer() throws IOException {
        control = new ControlServer(new InetSocketAddress("127.0.0.1", 0), TOKEN);
        PipelineRoutes.register(control, () -> null, registry, new PipelineControl() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }
        });
        control.start();
    }

    @AfterEach
    void stopControlServer() {
        control.close();
    }

    @Test
    void theDashboardQueriesOnlyWhatMetricsServesAndShowsAllOfIt() throws Exception {
        HttpResponse<String> scrape = get(monitorPath());
        assertEquals(200, scrape.statusCode());
        Set<String> served = new TreeSet<>();
        for (String line : scrape.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                served.add(line.split(" ")[2]);
            }
        }
        Map<String, List<String>> labels = new HashMap<>();
        for (MetricFamily family : registry.families()) {
            labels.put(family.name(), family.labelNames());
        }
        assertEquals(labels.keySet(), served, "the registry is what /metrics serves");

        JsonNode dashboard = new ObjectMapper().readTree(Path.of("grafana/tandem-dashboard.json").toFile());
        Set<String> shown = new TreeSet<>();
        for (String text : strings(dashboard)) {
            Matcher metric = METRIC.matcher(text);
            while (metric.find()) {
                shown.add(metric.group());
            }
        }
        Set<String> unknown = new TreeSet<>(shown);
        unknown.removeAll(served);
        assertEquals(Set.of(), unknown, "metrics on the dashboard that tandem does not export");
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(shown);
        assertEquals(Set.of(), missing, "metrics tandem exports that the dashboard does not show");

        for (String expr : expressions(dashboard)) {
            Set<String> known = new LinkedHashSet<>(TARGET_LABELS);
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                known.addAll(labels.get(metric.group()));
            }
            Matcher by = BY.matcher(expr);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    assertTrue(known.contains(label.strip()), label + " in " + expr);
                }
            }
            assertTrue(expr.contains("{instance=~\"$instance\"}"), "filtered by the instance variable: " + expr);
        }
    }

    @Test
    void theScrapeNeedsTheTokenTheServiceMonitorSendsAndStatusSaysWhenThereIsNoStatusYet() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri(monitorPath())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        JsonNode endpoint = new ObjectMapper(new YAMLFactory()).readTree(Path.of("kubernetes/servicemonitor.yaml").toFile())
                .at("/spec/endpoints/0");
        assertEquals("Bearer", endpoint.at("/authorization/type").asText());
        // Before the pipeline publishes its first status the probes' /status fails (what the probes rely on).
        assertEquals(503, get("/status").statusCode());
    }

    private static String monitorPath() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of("kubernetes/servicemonitor.yaml").toFile())
                .at("/spec/endpoints/0/path").asText();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + control.address().getPort() + path);
    }

    private static List<String> strings(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(child -> texts.addAll(strings(child)));
        return texts;
    }

    private static List<String> expressions(JsonNode node) {
        List<String> found = new ArrayList<>();
        if (node.has("expr")) {
            found.add(node.get("expr").asText());
        }
        node.forEach(child -> found.addAll(expressions(child)));
        return found;
    }
}
