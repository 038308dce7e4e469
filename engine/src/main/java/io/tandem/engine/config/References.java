package io.tandem.engine.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${file:/path}} inside string values, so secrets can come from
 * the environment or mounted files (Kubernetes/Docker secrets) instead of the YAML. {@code $${} is a
 * literal {@code ${}. Any other {@code ${…}} is a problem rather than literal text: someone writing
 * {@code ${PGPASSWORD}} means a variable, and silently using it as the password would be worse.
 */
final class References {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;
    private final Path baseDir;

    References(Function<String, String> environment, Path baseDir) {
        this.environment = environment;
        this.baseDir = baseDir;
    }

    /** The resolved text, or null after reporting why a reference failed; secret text is never echoed. */
    String resolve(String path, String text, boolean secret, Problems problems) {
        StringBuilder out = new StringBuilder(text.length());
        boolean ok = true;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    problems.add(path, "has an unterminated ${; close it with } or write $${ for a literal ${");
                    return null;
                }
                String value = lookup(path, text.substring(i + 2, end), secret, problems);
                ok &= value != null;
                out.append(value);
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return ok ? out.toString() : null;
    }

    private String lookup(String path, String reference, boolean secret, Problems problems) {
        if (reference.startsWith("env:")) {
            return env(path, reference.substring(4), problems);
        }
        if (reference.startsWith("file:")) {
            return file(path, reference.substring(5), problems);
        }
        String shown = secret ? "${…}" : "${" + reference + "}";
        problems.add(path, "has an unknown reference " + shown
                + "; use ${env:NAME} or ${file:/path}, or write $${ for a literal ${");
        return null;
    }

    private String env(String path, String name, Problems problems) {
        if (!ENV_NAME.matcher(name).matches()) {
            problems.add(path, "${env:" + name + "} is not a valid environment variable name");
            return null;
        }
        String value = environment.apply(name);
        if (value == null) {
            problems.add(path, "environment variable " + name + " is not set; export it or give the value directly");
        }
        return value;
    }

    private String file(String path, String name, Problems problems) {
        if (name.isBlank()) {
            problems.add(path, "${file:} needs a path, e.g. ${file:/run/secrets/pg-password}");
            return null;
        }
        Path file = baseDir.resolve(name).toAbsolutePath().normalize();
        try {
            return stripTrailingNewlines(Files.readString(file, StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            problems.add(path, "file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            // The exception class names the cause (NoSuchFile, AccessDenied) without quoting file contents.
            problems.add(path, "cannot read file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    /** Secret files are usually written by {@code echo} or an editor; the final line break is not part of the value. */
    private static String stripTrailingNewlines(String content) {
        int end = content.length();
        while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
            end--;
        }
        return content.substring(0, end);
    }
}
