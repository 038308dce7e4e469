package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.model.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * Row changes of tandem's control database, turned into control events instead of replicated rows: a heartbeat
 * written or updated becomes a {@link Heartbeat} (only this instance's: other instances on the same source have
 * their own targets), an inserted fence token a {@link FenceToken}. Deletes and other tables carry nothing.
 */
final class ControlRows {

    private final String instance;

    ControlRows(String instance) {
        this.instance = instance;
    }

    void decode(String table, String op, Struct value, SourcePosition position, List<ChangeEvent> events) {
        if (!"c".equals(op) && !"u".equals(op)) {
            return;
        }
        Struct after = value.getStruct("after");
        if (after == null) {
            throw new IllegalStateException("control row " + table + " without an after image at " + position
                    + "; binlog_row_image must be FULL");
        }
        if (ControlTables.HEARTBEAT.equals(table)) {
            String writer = text(after.get("instance"));
            if (instance.equals(writer)) {
                events.add(new Heartbeat(writer, number(after.get("seq")), number(after.get("written_at")), position));
            }
        } else if (ControlTables.FENCE.equals(table) && "c".equals(op)) {
            events.add(new FenceToken(text(after.get("token")), position));
        }
    }

    /** Text columns arrive as String, or as bytes when Debezium did not learn a character set. */
    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(value);
    }

    /** BIGINT arrives as Long; converters may hand over text or another Number. */
    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
