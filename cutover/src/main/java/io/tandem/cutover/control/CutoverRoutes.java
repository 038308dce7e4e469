package io.tandem.cutover.control;

import io.tandem.cutover.CutoverCoordinator;
import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.engine.control.ControlResponse;
import io.tandem.engine.control.ControlServer;
import io.tandem.engine.control.StatusSections;

/**
 * {@code POST /cutover} and {@code POST /failback} run an attempt to its end and reply with how it ended (200
 * completed, 409 refused or aborted, each with the report); {@code ?dry-run=true} runs the gate only. {@code GET
 * /cutover} (and {@code GET /failback}, the same) is the latest attempt of either direction and the readiness of the
 * next possible one, also under {@code cutover} in {@code /status}; beside it, {@code switch} says which database is
 * the application's and which switch comes next (the status page titles the readiness with it).
 */
public final class CutoverRoutes {

    /** Under {@code switch} in {@code /status}: the application's database and the switch that would move it. */
    public record Position(Direction.Primary primary, Direction next) {
    }

    private CutoverRoutes() {
    }

    public static void register(ControlServer server, StatusSections status, CutoverCoordinator coordinator) {
        for (Direction direction : Direction.values()) {
            String path = "/" + direction.label();
            server.route("POST", path, request -> {
                if ("true".equals(request.query().get("dry-run"))) {
                    return ControlResponse.json(200, coordinator.dryRun(direction));
                }
                CutoverReport report = coordinator.run(direction, step -> { });
                return ControlResponse.json(report.state() == CutoverState.COMPLETED ? 200 : 409, report);
            });
            server.route("GET", path, request -> ControlResponse.json(200, coordinator.status()));
        }
        status.add("cutover", coordinator::status);
        status.add("switch", () -> new Position(coordinator.primary(), coordinator.nextDirection()));
    }
}
