package io.tandem.engine.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.engine.status.StatusJson;

/** The one mapper for request and response bodies; ObjectMapper is thread-safe once configured. */
final class ControlJson {

    static final ObjectMapper MAPPER = StatusJson.newMapper();

    private ControlJson() {
    }
}
