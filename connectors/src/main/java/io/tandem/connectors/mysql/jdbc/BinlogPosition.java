package io.tandem.connectors.mysql.jdbc;

import io.tandem.engine.model.StreamPoint;
import java.util.Map;
import java.util.Objects;

/**
 * A point in a server's binary log: the file and the byte offset of the next event in it.
 *
 * <p>Positions order by the file's numeric suffix, then the offset, because the server numbers its binlog files
 * in sequence ({@code mysql-bin.000009} comes before {@code mysql-bin.000010}, and after {@code .999999} comes
 * {@code .1000000}). Positions from two differently named binlog series cannot be ordered: they come from
 * different servers or a renamed log, and comparing them throws rather than guessing.
 *
 * <p>The snapshot records, per table, the position its copy is consistent with: every transaction that
 * <em>starts</em> before it is in the copy, none at or after it. The stream therefore skips a transaction on
 * that table whose position is below the table's copy position.
 */
public record BinlogPosition(String file, long pos) implements Comparable<BinlogPosition> {

    /** Key of the file name in a position map (the same key Debezium's binlog offsets use). */
    public static final String FILE = "file";
    /** Key of the byte offset in a position map. */
    public static final String POS = "pos";
    /** Key of the optional GTID set in a position map (MySQL executed set, or MariaDB domain-server-seq list). */
    public static final String GTIDS = "gtids";
    private static final String SERIES_PREFIX = "binlog:";

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (file.isEmpty() || pos < 0) {
            throw new IllegalArgumentException("not a binlog position: '" + file + "':" + pos);
        }
    }

    /** Reads {@code file} and {@code pos} from a position map such as a snapshot's or a Debezium offset. */
    public static BinlogPosition of(Map<String, ?> position) {
        Object file = position.get(FILE);
        Object pos = position.get(POS);
        if (file == null || pos == null) {
            throw new IllegalArgumentException("position map lacks '" + FILE + "' or '" + POS + "': " + position);
        }
        return new BinlogPosition(file.toString(), Long.parseLong(pos.toString()));
    }

    @Override
    public int compareTo(BinlogPosition other) {
        if (file.equals(other.file)) {
            return Long.compare(pos, other.pos);
        }
        String base = baseName(file);
        if (!base.equals(baseName(other.file))) {
            throw new IllegalArgumentException("cannot order positions in different binlog series: "
                    + this + " and " + other);
        }
        int bySequence = Long.compare(sequence(file), sequence(other.file));
        return bySequence != 0 ? bySequence : Long.compare(pos, other.pos);
    }

    /**
     * The comparable form, shared with stream offsets: a snapshot's position {@code file:pos} names the next event, so
     * it sorts before every record of the transaction starting there ({@link #streamPointOf} adds event and row).
     */
    public StreamPoint streamPoint() {
        return StreamPoint.of(SERIES_PREFIX + baseName(file), sequence(file), pos);
    }

    /**
     * The comparable form of a Debezium binlog offset: {@code pos} is where the transaction holding the record began
     * (the restart point), {@code event} and {@code row} count into it, so the four counters increase along the log.
     */
    public static StreamPoint streamPointOf(Map<String, ?> offset) {
        BinlogPosition start = of(offset);
        return StreamPoint.of(SERIES_PREFIX + baseName(start.file), sequence(start.file), start.pos,
                counter(offset, "event"), counter(offset, "row"));
    }

    private static long counter(Map<String, ?> offset, String key) {
        Object value = offset.get(key);
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    public boolean isBefore(BinlogPosition other) {
        return compareTo(other) < 0;
    }

    /** The smaller of two positions. */
    public static BinlogPosition min(BinlogPosition a, BinlogPosition b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String baseName(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(0, dot);
    }

    private static long sequence(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("binlog file name without a numeric suffix: '" + file + "'", e);
        }
    }

    @Override
    public String toString() {
        return file + ":" + pos;
    }
}
