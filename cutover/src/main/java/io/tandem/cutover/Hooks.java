package io.tandem.cutover;

import java.util.Map;

/** The operator's hooks: a command or an HTTP call at named points of the cutover, each with its own timeout. */
public interface Hooks {

    enum Point {
        PRE_FREEZE("pre-freeze"),
        SWITCH_APP("switch-app"),
        POST_OPEN("post-open");

        private final String configName;

        Point(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }

    /**
     * Runs the hook configured for {@code point}, if any, with {@code facts} (step, positions, attempt) in its
     * environment or body; throws when it fails or times out.
     */
    void run(Point point, Map<String, String> facts) throws Exception;

    Hooks NONE = (point, facts) -> { };
}
