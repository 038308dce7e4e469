package io.tandem.engine.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The value types used by {@link Options}; each reads, range-checks and documents itself. */
final class ValueTypes {
    private ValueTypes() {
    }

    /** A non-empty string. YAML numbers and booleans are refused rather than stringified: {@code 0123} is 83. */
    static ScalarType<String> text() {
        return matching("string", null, null);
    }

    /** A non-empty string matching {@code pattern}; {@code rule} is the human wording of the pattern. */
    static ScalarType<String> matching(String describe, Pattern pattern, String rule) {
        return new ScalarType<>() {
            @Override
            public String describe() {
                return describe;
            }

            @Override
            String fromText(String path, String text, ReadContext context) {
                if (text.isBlank()) {
                    context.problem(path, "must not be empty");
                    return null;
                }
                if (pattern != null && !pattern.matcher(text).matches()) {
                    context.problem(path, "must be " + rule + got(text));
                    return null;
                }
                return text;
            }

            @Override
            String quoteHint() {
                return "; put the value in quotes so YAML reads it as text";
            }
        };
    }

    static ScalarType<Secret> secret() {
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "secret";
            }

            @Override
            public boolean secret() {
                return true;
            }

            @Override
            Secret fromText(String path, String text, ReadContext context) {
                return Secret.of(text);
            }

            @Override
            Secret fromInteger(String path, long value, ReadContext context) {
                context.problem(path, "must be a string, but YAML read it as a number" + quoteHint());
                return null;
            }

            @Override
            String quoteHint() {
                return "; put the value in quotes, or use ${env:NAME} or ${file:/path}";
            }
        };
    }

    /** {@code true} or {@code false}; also as text, so that {@code ${env:…}} can supply it. */
    static ScalarType<Boolean> bool() {
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "boolean";
            }

            @Override
            Boolean fromBoolean(String path, boolean value, ReadContext context) {
                return value;
            }

            @Override
            Boolean fromText(String path, String text, ReadContext context) {
                String value = text.trim().toLowerCase(Locale.ROOT);
                if (value.equals("true") || value.equals("false")) {
                    return Boolean.valueOf(value);
                }
                context.problem(path, "must be true or false" + got(text));
                return null;
            }
        };
    }

    static ScalarType<Integer> integer(int min, int max) {
        return range(min, max, v -> (int) v);
    }

    static ScalarType<Long> longInteger(long min, long max) {
        return range(min, max, v -> v);
    }

    private static <T extends Number> ScalarType<T> range(long min, long max, LongFunction<T> convert) {
        String bounds = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? " ≥ " + min : " " + min + ".." + max;
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "integer" + bounds;
            }

            @Override
            T fromText(String path, String text, ReadContext context) {
                try {
                    return fromInteger(path, Long.parseLong(text.trim()), context);
                } catch (NumberFormatException e) {
                    context.problem(path, "must be a whole number" + got(text));
                    return null;
                }
            }

            @Override
            T fromInteger(String path, long value, ReadContext context) {
                if (value < min || value > max) {
                    context.problem(path, "must be between " + min + " and " + max + ", got " + value);
                    return null;
                }
                return convert.apply(value);
            }
        };
    }

    /** One of the enum's kebab-case names; case-insensitive, since {@code MySQL} can only mean one thing. */
    static <E extends Enum<E> & ConfigEnum> ScalarType<E> oneOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        String choices = Arrays.stream(constants).map(c -> "`" + c.configValue() + "`").collect(Collectors.joining(", "));
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "one of " + choices;
            }

            @Override
            E fromText(String path, String text, ReadContext context) {
                for (E constant : constants) {
                    if (constant.configValue().equals(text.trim().toLowerCase(Locale.ROOT))) {
                        return constant;
                    }
                }
                context.problem(path, "must be one of " + choices.replace("`", "") + got(text));
                return null;
            }

            @Override
            public String format(E value) {
                return value.configValue();
            }
        };
    }

    static ScalarType<Long> size(long min) {
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "size";
            }

            @Override
            Long fromText(String path, String text, ReadContext context) {
                try {
                    return fromInteger(path, Quantities.parseSize(text), context);
                } catch (IllegalArgumentException e) {
                    context.problem(path, e.getMessage() + got(text));
                    return null;
                }
            }

            @Override
            Long fromInteger(String path, long bytes, ReadContext context) {
                if (bytes < min) {
                    context.problem(path, "must be at least " + Quantities.formatSize(min) + ", got " + bytes + " bytes");
                    return null;
                }
                return bytes;
            }

            @Override
            public String format(Long value) {
                return Quantities.formatSize(value);
            }
        };
    }

    static ScalarType<Duration> duration(Duration min) {
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "duration";
            }

            @Override
            Duration fromText(String path, String text, ReadContext context) {
                try {
                    Duration value = Quantities.parseDuration(text);
                    if (value.compareTo(min) < 0) {
                        context.problem(path, "must be at least " + Quantities.formatDuration(min) + got(text));
                        return null;
                    }
                    return value;
                } catch (IllegalArgumentException e) {
                    context.problem(path, e.getMessage() + got(text));
                    return null;
                }
            }

            @Override
            Duration fromInteger(String path, long value, ReadContext context) {
                context.problem(path, "needs a unit, e.g. " + value + "ms or " + value + "s");
                return null;
            }

            @Override
            public String format(Duration value) {
                return Quantities.formatDuration(value);
            }
        };
    }

    static ScalarType<HostPort> hostPort() {
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "host:port";
            }

            @Override
            HostPort fromText(String path, String text, ReadContext context) {
                try {
                    return HostPort.parse(text.trim());
                } catch (IllegalArgumentException e) {
                    context.problem(path, e.getMessage() + got(text));
                    return null;
                }
            }
        };
    }

    static ScalarType<TablePattern> tablePattern() {
        return new ScalarType<>() {
            @Override
            public String describe() {
                return "`db.table` pattern";
            }

            @Override
            TablePattern fromText(String path, String text, ReadContext context) {
                try {
                    return TablePattern.parse(text.trim());
                } catch (IllegalArgumentException e) {
                    context.problem(path, e.getMessage() + got(text));
                    return null;
                }
            }
        };
    }
}
