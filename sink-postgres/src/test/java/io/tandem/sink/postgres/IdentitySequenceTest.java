package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.table;
import static io.tandem.sink.postgres.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys arrive with the rows, and PostgreSQL advances an identity only when it generates a value: after the copy
 * and after streamed rows, a row inserted on the target without a key must get a key past every replicated one.
 */
class IdentitySequenceTest {

    private TargetFixture db;

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_identity");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private static TargetTable counted(String name, List<String> key) {
        TargetColumn id = new TargetColumn("id", "id", "bigint", ValueKind.INTEGER, false, null, true, true);
        return table("ai", name, List.of(id, column("v", "text", ValueKind.TEXT)), key, List.of());
    }

    private String keyOfATargetInsert(String table) throws Exception {
        return db.value("INSERT INTO ai." + table + " (v) VALUES ('on target') RETURNING id");
    }

    @Test
    void theCopyAndStreamedRowsMoveTheIdentityPastTheirLargestKey() throws Exception {
        TargetTable keyed = counted("keyed", List.of("id"));
        db.target.snapshotTarget().createTable(keyed);
        try (TableLoad load = db.target.snapshotTarget().beginLoad(keyed)) {
            load.row(new String[] {"7", "a"});
            load.row(new String[] {"100", "b"});
            load.row(new String[] {"3", "c"});
            load.commit(Map.of());
        }
        assertEquals("101", keyOfATargetInsert("keyed"));

        db.target.changeSink().apply(List.of(insert(keyed, 1, "500", "d"), insert(keyed, 2, "200", "e")), position(2));
        assertEquals("501", keyOfATargetInsert("keyed"));

        // Smaller keys never move it back.
        db.target.changeSink().apply(List.of(insert(keyed, 3, "50", "f")), position(3));
        assertEquals("502", keyOfATargetInsert("keyed"));
    }

    @Test
    void aKeylessTableFollowsInsertsAndUpdates() throws Exception {
        TargetTable keyless = counted("keyless", List.of());
        db.target.snapshotTarget().createTable(keyless);
        db.target.changeSink().apply(List.of(insert(keyless, 1, "10", "a")), position(1));
        assertEquals("11", keyOfATargetInsert("keyless"));

        db.target.changeSink().apply(List.of(update(keyless, 2, new String[] {"10", "a"}, new String[] {"40", "a"})),
                position(2));
        assertEquals("41", keyOfATargetInsert("keyless"));
    }
}
