package io.tandem.engine.control;

/**
 * Serves one route by calling public methods of the component behind it. Errors: throw {@link ControlException}
 * for a chosen status, {@link IllegalStateException} for a 409 refusal (both messages reach the client, so they
 * must not carry secrets); anything else becomes a 500 whose details go only to the log.
 */
@FunctionalInterface
public interface RouteHandler {

    ControlResponse handle(ControlRequest request) throws Exception;
}
