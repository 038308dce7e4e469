package io.tandem.cutover.verify;

import io.tandem.engine.control.ControlException;
import io.tandem.engine.control.ControlResponse;
import io.tandem.engine.control.ControlServer;
import java.util.Map;

/**
 * {@code POST /verify} (start a pass; {@code ?full=true}: one comparing every row, at once even while a continuous
 * series waits) and {@code GET /verify} (its status and last result).
 */
public final class VerifyRoutes {

    private VerifyRoutes() {
    }

    public static void register(ControlServer server, VerificationService verification) {
        // 202: the pass runs in the background; GET /verify (or /status) shows its progress and result.
        server.route("POST", "/verify", request -> {
            try {
                verification.start("true".equals(request.query().get("full")));
            } catch (IllegalStateException e) {
                throw new ControlException(409, e.getMessage());
            }
            return ControlResponse.json(202, Map.of("requested", "verify"));
        });
        server.route("GET", "/verify", request -> ControlResponse.json(200, verification.status()));
    }
}
