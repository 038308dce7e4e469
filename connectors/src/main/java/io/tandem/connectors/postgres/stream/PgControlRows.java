package io.tandem.connectors.postgres.stream;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.model.SourcePosition;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * Rows of tandem's reverse control tables on PostgreSQL, turned into control events instead of replicated rows:
 * {@code reverse_heartbeat(instance text primary key, seq bigint, written_at bigint)} written or updated becomes a
 * {@link Heartbeat} (only this instance's), a row inserted into {@code reverse_fence(token text primary key,
 * written_at bigint)} a {@link FenceToken}. Deletes, truncates and other tables of the schema carry nothing.
 */
final class PgControlRows {

    static final String HEARTBEAT = "reverse_heartbeat";
    static final String FENCE = "reverse_fence";

    private final String instance;

    PgControlRows(String instance) {
        this.instance = instance;
    }

    void decode(String table, String op, Struct value, SourcePosition position, List<ChangeEvent> events) {
        if (!"c".equals(op) && !"u".equals(op)) {
            return;
        }
        Struct after = value.getStruct("after");
        if (HEARTBEAT.equals(table)) {
            String writer = after.getString("instance");
            if (instance.equals(writer)) {
                events.add(new Heartbeat(writer, after.getInt64("seq"), after.getInt64("written_at"), position));
            }
        } else if (FENCE.equals(table) && "c".equals(op)) {
            events.add(new FenceToken(after.getString("token"), position));
        }
    }
}
