package io.tandem.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte sizes ({@code 64MiB}) and durations ({@code 200ms}). Only binary size units
 * are accepted: {@code MB} could mean 10^6 or 2^20, and guessing would silently change a limit.
 */
final class Quantities {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-z]*)");

    private record Unit(String suffix, long factor) {
    }

    private static final List<Unit> SIZE_UNITS = List.of(
            new Unit("TiB", 1L << 40), new Unit("GiB", 1L << 30), new Unit("MiB", 1L << 20),
            new Unit("KiB", 1L << 10), new Unit("B", 1));
    private static final List<Unit> DURATION_UNITS = List.of(
            new Unit("h", 3_600_000), new Unit("m", 60_000), new Unit("s", 1000), new Unit("ms", 1));

    private Quantities() {
    }

    /** Bytes for {@code 512KiB}, {@code 64MiB}, {@code 1GiB} or plain digits; the exception message is the fix. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a size like 64MiB, 512KiB, 1GiB or a number of bytes");
        }
        String suffix = m.group(2);
        long factor = suffix.isEmpty() ? 1 : SIZE_UNITS.stream()
                .filter(u -> u.suffix().equalsIgnoreCase(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown size unit \"" + suffix
                        + "\"; use B, KiB, MiB, GiB or TiB (binary units; MB/GB are ambiguous)"))
                .factor();
        return multiply(m.group(1), factor);
    }

    /** Milliseconds-precision duration for {@code 200ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration like 200ms, 5s, 2m or 1h");
        }
        String suffix = m.group(2);
        if (suffix.isEmpty()) {
            throw new IllegalArgumentException("needs a unit, e.g. " + m.group(1) + "ms or " + m.group(1) + "s");
        }
        long factor = DURATION_UNITS.stream()
                .filter(u -> u.suffix().equals(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown duration unit \"" + suffix + "\"; use ms, s, m or h"))
                .factor();
        return Duration.ofMillis(multiply(m.group(1), factor));
    }

    /** The largest unit that represents the size exactly, so defaults read as the user would write them. */
    static String formatSize(long bytes) {
        return format(bytes, SIZE_UNITS);
    }

    static String formatDuration(Duration duration) {
        return format(duration.toMillis(), DURATION_UNITS);
    }

    private static String format(long amount, List<Unit> units) {
        for (Unit unit : units) {
            if (amount != 0 && amount % unit.factor() == 0) {
                return amount / unit.factor() + unit.suffix();
            }
        }
        return amount + units.get(units.size() - 1).suffix();
    }

    private static long multiply(String digits, long factor) {
        try {
            return Math.multiplyExact(Long.parseLong(digits), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is too large");
        }
    }
}
