package io.tandem.testkit.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PGInterval;

/** Conversions into the canonical forms described in {@link ValueKind}, shared by both sides. */
final class Canonical {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern TIME = Pattern.compile("(-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Canonical() {
    }

    /** 2.50 and 2.5 are the same number; a plain BigDecimal would say they differ. */
    static BigDecimal number(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }

    static BigDecimal number(String text) {
        return text == null ? null : number(new BigDecimal(text.trim()));
    }

    /** A FLOAT read through a double is exact; adding 0 turns -0.0 into 0.0, which SQL treats as equal. */
    static Float real(double value) {
        return (float) value + 0.0f;
    }

    static Double doublePrecision(double value) {
        return value + 0.0;
    }

    /** The bits of an unsigned number, left-padded with zeros to the column's length n. */
    static String bits(BigInteger value, int length) {
        String digits = value.toString(2);
        return digits.length() >= length ? digits : "0".repeat(length - digits.length()) + digits;
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss[.fraction]} without trailing fractional zeros: MySQL prints as many
     * fractional digits as the column's precision, PostgreSQL only the significant ones.
     */
    static String dateTime(String text) {
        if (text == null) {
            return null;
        }
        String value = text.replace('T', ' ');
        if (value.indexOf('.') < 0) {
            return value;
        }
        value = value.replaceAll("0+$", "");
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }

    /** An instant from UTC wall-clock text; text that is no real time (a zero date) stays text. */
    static Object utcInstant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    static Instant instant(java.time.OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    /** Signed microseconds of {@code [-]H:MM:SS[.ffffff]}, the text form of MySQL TIME (-838:59:59 to 838:59:59). */
    static Object timeMicros(String text) {
        if (text == null) {
            return null;
        }
        Matcher time = TIME.matcher(text.trim());
        if (!time.matches()) {
            return text;
        }
        long seconds = Long.parseLong(time.group(2)) * 3600 + Long.parseLong(time.group(3)) * 60 + Long.parseLong(time.group(4));
        String fraction = time.group(5) == null ? "" : time.group(5);
        long micros = seconds * MICROS_PER_SECOND + (fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000").substring(0, 6)));
        return time.group(1) == null ? micros : -micros;
    }

    /** Signed microseconds of an interval, counting a month as 30 days and a day as 24 hours as PostgreSQL compares them. */
    static Long intervalMicros(PGInterval interval) {
        if (interval == null) {
            return null;
        }
        long days = (interval.getYears() * 12L + interval.getMonths()) * 30L + interval.getDays();
        long seconds = ((days * 24 + interval.getHours()) * 60 + interval.getMinutes()) * 60L;
        return seconds * MICROS_PER_SECOND + Math.round(interval.getSeconds() * MICROS_PER_SECOND);
    }

    /**
     * The document printed with sorted keys and numbers without trailing zeros: MySQL and
     * PostgreSQL's jsonb order keys differently and print different whitespace.
     */
    static String json(String text) {
        if (text == null) {
            return null;
        }
        try {
            StringBuilder out = new StringBuilder(text.length());
            print(JSON.readTree(text), out);
            return out.toString();
        } catch (JsonProcessingException e) {
            return "invalid JSON: " + text;
        }
    }

    private static void print(JsonNode node, StringBuilder out) throws JsonProcessingException {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                sorted.put(field.getKey(), field.getValue());
            }
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                out.append(separator).append(JSON.writeValueAsString(field.getKey())).append(':');
                print(field.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                print(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal number = node.decimalValue().stripTrailingZeros();
            out.append(number.scale() < 0 ? number.toBigInteger().toString() : number.toPlainString());
        } else {
            out.append(JSON.writeValueAsString(node));
        }
    }
}
