package io.tandem.cutover.control;

import io.tandem.cutover.CutoverCoordinator;
import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.engine.control.ControlResponse;
import io.tandem.engine.control.ControlServer;
import io.tandem.engine.control.StatusSections;

/**
 * {@code POST /cutover} runs an attempt to its end and replies with how it ended (200 completed, 409 refused or
 * aborted, each with the report); {@code POST /cutover?dry-run=true} runs the gate only; {@code GET /cutover} is the
 * latest attempt and the readiness now, also under {@code cutover} in {@code /status}.
 */
public final class CutoverRoutes {

    private CutoverRoutes() {
    }

    public static void register(ControlServer server, StatusSections status, CutoverCoordinator coordinator) {
        server.route("POST", "/cutover", request -> {
            if ("true".equals(request.query().get("dry-run"))) {
                return ControlResponse.json(200, coordinator.dryRun());
            }
            CutoverReport report = coordinator.run(step -> { });
            return ControlResponse.json(report.state() == CutoverState.COMPLETED ? 200 : 409, report);
        });
        server.route("GET", "/cutover", request -> ControlResponse.json(200, coordinator.status()));
        status.add("cutover", coordinator::status);
    }
}
