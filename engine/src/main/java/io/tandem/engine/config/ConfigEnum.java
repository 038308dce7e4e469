package io.tandem.engine.config;

import java.util.Locale;

/** An enum whose constants are written in YAML in kebab-case ({@code VERIFY_CA} is {@code verify-ca}). */
public interface ConfigEnum {
    String name();

    default String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
