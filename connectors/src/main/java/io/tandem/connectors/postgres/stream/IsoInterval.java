package io.tandem.connectors.postgres.stream;

import io.tandem.engine.transform.TemporalText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL interval as Debezium's {@code interval.handling.mode=string} writes it,
 * {@code P<y>Y<m>M<d>DT<h>H<m>M<s>S} with every field signed (PostgreSQL keeps months, days and time apart).
 *
 * <p>The forward side writes a MySQL TIME as hours, minutes and seconds, so its intervals come back without months
 * or days. A day counts as 24 hours (PostgreSQL compares intervals that way too); months have no fixed length, so
 * an interval with months or years is given in PostgreSQL's own text, which no MySQL TIME column accepts.
 */
record IsoInterval(int years, int months, long days, long hours, long minutes, BigDecimal seconds) {

    private static final Pattern ISO = Pattern.compile(
            "P(-?\\d+)Y(-?\\d+)M(-?\\d+)DT(-?\\d+)H(-?\\d+)M(-?\\d+(?:\\.\\d+)?)S");
    private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000L);

    static IsoInterval parse(String iso) {
        Matcher m = ISO.matcher(iso);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an ISO-8601 interval as Debezium writes them: " + iso);
        }
        return new IsoInterval(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), Long.parseLong(m.group(5)),
                new BigDecimal(m.group(6)));
    }

    /** The {@code ValueKind.INTERVAL} text: {@code [-]H:mm:ss.ffffff}, or PostgreSQL's text with months. */
    String text() {
        String time = TemporalText.elapsed(timeMicros());
        if (years == 0 && months == 0) {
            return time;
        }
        return years + " years " + months + " mons " + time;
    }

    /** Days, hours, minutes and seconds in microseconds; PostgreSQL keeps microseconds, so nothing rounds. */
    private long timeMicros() {
        long wholeMinutes = Math.addExact(Math.multiplyExact(Math.addExact(Math.multiplyExact(days, 24L), hours), 60L),
                minutes);
        BigDecimal micros = seconds.multiply(MICROS_PER_SECOND).setScale(0, RoundingMode.UNNECESSARY);
        return Math.addExact(Math.multiplyExact(wholeMinutes, 60_000_000L), micros.longValueExact());
    }
}
