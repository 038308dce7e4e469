package io.tandem.engine.metrics;

import java.util.List;

/** Renders a registry in the Prometheus text exposition format, version 0.0.4. */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    // Below 2^53 every integer has an exact double, so counters print as plain integers.
    private static final double EXACT_INTEGER_LIMIT = 9_007_199_254_740_992d;

    private PrometheusText() {
    }

    public static String render(MetricRegistry registry) {
        StringBuilder out = new StringBuilder(4096);
        for (MetricFamily family : registry.families()) {
            out.append("# HELP ").append(family.name()).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(family.name()).append(' ').append(family.type().exposition()).append('\n');
            for (Sample sample : family.samples()) {
                out.append(family.name());
                appendLabels(out, family.labelNames(), sample.labelValues());
                out.append(' ').append(formatValue(sample.value())).append('\n');
            }
        }
        return out.toString();
    }

    private static void appendLabels(StringBuilder out, List<String> names, List<String> values) {
        if (names.isEmpty()) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(names.get(i)).append("=\"").append(escapeLabelValue(values.get(i))).append('"');
        }
        out.append('}');
    }

    /** Label values escape backslash, double quote and line feed; anything else is taken verbatim as UTF-8. */
    static String escapeLabelValue(String value) {
        return escape(value, true);
    }

    /** Help text escapes backslash and line feed only: quotes are not special there. */
    static String escapeHelp(String help) {
        return escape(help, false);
    }

    private static String escape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quotes ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGER_LIMIT) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
