package io.tandem.engine.config;

/**
 * The Markdown configuration reference, generated from {@link Options} so the README cannot drift from
 * the code. {@code ConfigReferenceTest} fails when the README's copy differs; run this class's
 * {@code main} to print the current text.
 */
public final class ConfigReference {
    private ConfigReference() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| key | type | default | description |\n");
        out.append("|---|---|---|---|\n");
        for (Option<?> option : Options.ALL) {
            out.append("| `").append(option.path()).append("` | ")
                    .append(cell(option.type().describe())).append(" | ")
                    .append(cell(defaultColumn(option))).append(" | ")
                    .append(cell(option.description())).append(" |\n");
        }
        out.append('\n').append("Any string value may use `${env:NAME}` (environment variable) or `${file:/path}` ")
                .append("(file contents without the trailing newline; relative to the config file); ")
                .append("write `$${` for a literal `${`. ")
                .append("Sizes take `B`, `KiB`, `MiB`, `GiB`, `TiB` or plain bytes; durations take `ms`, `s`, `m`, `h`.\n");
        return out.toString();
    }

    private static String defaultColumn(Option<?> option) {
        boolean literal = option.defaultValue() != null;
        return literal ? "`" + option.defaultText() + "`" : option.defaultText();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
