package io.tandem.engine.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Optional;

/**
 * Renders a config as indented {@code key: value} lines for the startup log. It walks the record
 * components, so a field added to a section shows up without touching this class, and it is safe
 * by construction: secrets print through {@link Secret#toString()}, which is the mask.
 */
final class MaskedDescription {
    private MaskedDescription() {
    }

    static String of(TandemConfig config) {
        StringBuilder out = new StringBuilder();
        describe(config, "", out);
        return out.toString().stripTrailing();
    }

    private static void describe(Record record, String indent, StringBuilder out) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = valueOf(component, record);
            String key = kebab(component.getName());
            if (value instanceof Record nested) {
                out.append(indent).append(key).append(":\n");
                describe(nested, indent + "  ", out);
            } else {
                // Byte limits are plain longs in the records; print them the way they are written in YAML.
                String text = component.getName().endsWith("Bytes") && value instanceof Long bytes
                        ? Quantities.formatSize(bytes) : render(value);
                out.append(indent).append(key).append(": ").append(text).append('\n');
            }
        }
    }

    private static String render(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(MaskedDescription::render).orElse("(not set)");
        }
        if (value instanceof ConfigEnum e) {
            return e.configValue();
        }
        if (value instanceof Duration d) {
            return Quantities.formatDuration(d);
        }
        return String.valueOf(value);
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    /** {@code batchMaxRows} → {@code batch-max-rows}, matching the YAML keys. */
    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
