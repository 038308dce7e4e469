package io.tandem.engine.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.engine.metrics.MetricRegistry;
import io.tandem.engine.metrics.PrometheusText;
import io.tandem.engine.status.PipelineStatus;
import java.util.Map;
import java.util.function.Supplier;

/** The pipeline's routes: status page, status JSON, metrics, pause and resume. */
public final class PipelineRoutes {

    private PipelineRoutes() {
    }

    /** @param status returns null until the pipeline has published its first status */
    public static void register(ControlServer server, Supplier<PipelineStatus> status, MetricRegistry metrics,
            PipelineControl control) {
        register(server, status, metrics, control, new StatusSections());
    }

    /** @param sections other modules' parts of {@code /status}, each under its own key */
    public static void register(ControlServer server, Supplier<PipelineStatus> status, MetricRegistry metrics,
            PipelineControl control, StatusSections sections) {
        server.route("GET", "/", request -> StatusPage.response());
        server.route("GET", "/status", request -> ControlResponse.json(200, document(status, sections)));
        server.route("GET", "/metrics",
                request -> ControlResponse.text(200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics)));
        // 202: the pipeline acts after the batch in flight commits, not before this reply.
        server.route("POST", "/pause", request -> {
            control.pause();
            return ControlResponse.json(202, Map.of("requested", "pause"));
        });
        server.route("POST", "/resume", request -> {
            control.resume();
            return ControlResponse.json(202, Map.of("requested", "resume"));
        });
    }

    private static ObjectNode document(Supplier<PipelineStatus> status, StatusSections sections) {
        ObjectNode document = ControlJson.MAPPER.valueToTree(current(status));
        sections.current().forEach((name, value) -> document.set(name, ControlJson.MAPPER.valueToTree(value)));
        return document;
    }

    private static PipelineStatus current(Supplier<PipelineStatus> status) {
        PipelineStatus current = status.get();
        if (current == null) {
            throw new ControlException(503, "the pipeline has not published a status yet");
        }
        return current;
    }
}
