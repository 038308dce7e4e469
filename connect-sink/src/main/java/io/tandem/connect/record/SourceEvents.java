package io.tandem.connect.record;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.StreamPoint;
import org.apache.kafka.connect.data.Struct;

/**
 * Where in the source's binlog a streamed row change happened, from the envelope's {@code source} block: the
 * event's file and position and the row's number in it, which no other row change shares. Debezium's source
 * connector delivers at least once: killed, it sends again what it sent after its last offset flush. Those
 * repeats carry the same place, and within one topic-partition places only grow, so a row change at or before the
 * last one applied from its partition is a repeat; the sink skips it, which keeps tables without a key exact.
 *
 * <p>Snapshot reads have no place of their own (they all carry the snapshot's position) and are not compared.
 * Places only order the changes of one server's binlog: after the source connector moves to another server, the
 * operator turns the comparison off ({@code binlog.repeats=apply}).
 */
final class SourceEvents {

    private SourceEvents() {
    }

    /** The row change's place, or null for a snapshot read or a block without a binlog position. */
    static StreamPoint place(Struct source) {
        String snapshot = source.schema().field("snapshot") == null ? null : source.getString("snapshot");
        if (snapshot != null && !"false".equals(snapshot)) {
            return null;
        }
        String file = field(source, "file");
        Object pos = source.schema().field("pos") == null ? null : source.get("pos");
        Object row = source.schema().field("row") == null ? null : source.get("row");
        if (file == null || file.isEmpty() || pos == null) {
            return null;
        }
        StreamPoint event = new BinlogPosition(file, ((Number) pos).longValue()).streamPoint();
        long[] ordinal = event.ordinal();
        return StreamPoint.of(event.series(), ordinal[0], ordinal[1], row == null ? 0 : ((Number) row).longValue());
    }

    /** Whether {@code place} was applied already, given the last place applied; places of two logs never are. */
    static boolean repeated(StreamPoint place, StreamPoint lastApplied) {
        if (place == null || lastApplied == null || !place.series().equals(lastApplied.series())) {
            return false;
        }
        return !place.isAtOrAfter(lastApplied) || place.equals(lastApplied);
    }

    private static String field(Struct struct, String name) {
        return struct.schema().field(name) == null ? null : struct.getString(name);
    }
}
