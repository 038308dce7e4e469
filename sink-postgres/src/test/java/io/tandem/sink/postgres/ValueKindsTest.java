package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.delete;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.notNull;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One column per value kind, with edge values in the text form the transform produces: COPY, the array upsert
 * and the one-row match of a keyless table must all take them and agree.
 */
class ValueKindsTest {

    private static final List<TargetColumn> COLUMNS = List.of(
            column("u64", "numeric(20,0)", ValueKind.INTEGER),
            column("i64", "bigint", ValueKind.INTEGER),
            column("dec", "numeric(65,30)", ValueKind.DECIMAL),
            column("f8", "double precision", ValueKind.FLOAT),
            column("f4", "real", ValueKind.FLOAT),
            column("flag", "boolean", ValueKind.BOOLEAN),
            column("bits", "bit(8)", ValueKind.BITS),
            column("d", "date", ValueKind.DATE),
            column("ts", "timestamp(6) without time zone", ValueKind.TIMESTAMP),
            column("tstz", "timestamp(6) with time zone", ValueKind.TIMESTAMPTZ),
            column("span", "interval", ValueKind.INTERVAL),
            column("fixed", "character(4)", ValueKind.TEXT),
            column("bytes", "bytea", ValueKind.BYTES),
            column("doc", "json", ValueKind.JSON),
            column("docb", "jsonb", ValueKind.JSON));

    private static final String[] EDGES = {"18446744073709551615", "-9223372036854775808",
        "-99999999999999999999999999999999999.999999999999999999999999999999", "4.9E-324", "3.4028235E38", "t",
        "10100101", "9999-12-31", "9999-12-31 23:59:59.999999", "1970-01-01 00:00:01.000001+00", "-838:59:59.5",
        "ab", "\\x00ff", "{\"a\":  [1, 2.50]}", "{\"b\": null}"};

    private TargetFixture db;

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_kinds");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private static TargetTable kinds(String name, boolean keyed) {
        List<TargetColumn> columns = new ArrayList<>();
        columns.add(notNull("id", "integer", ValueKind.INTEGER));
        columns.addAll(COLUMNS);
        return table("k", name, columns, keyed ? List.of("id") : List.of(), List.of());
    }

    private static String[] row(String id, String[] values) {
        String[] row = new String[values.length + 1];
        row[0] = id;
        System.arraycopy(values, 0, row, 1, values.length);
        return row;
    }

    private List<List<String>> rows(String table) throws Exception {
        return db.query("SELECT * FROM k." + table + " ORDER BY id");
    }

    @Test
    void copyAndUpsertStoreEveryKindAlike() throws Exception {
        TargetTable copied = kinds("copied", true);
        TargetTable upserted = kinds("upserted", true);
        db.target.snapshotTarget().createTable(copied);
        db.target.snapshotTarget().createTable(upserted);
        String[] nulls = new String[EDGES.length];
        try (TableLoad load = db.target.snapshotTarget().beginLoad(copied)) {
            load.row(row("1", EDGES));
            load.row(row("2", nulls));
            load.commit(Map.of());
        }
        db.target.changeSink().apply(List.of(insert(upserted, 1, row("1", EDGES)),
                insert(upserted, 2, row("2", nulls))), position(2));

        List<List<String>> stored = rows("copied");
        assertEquals(stored, rows("upserted"));
        assertEquals(Arrays.asList("1", "18446744073709551615", "-9223372036854775808"), stored.get(0).subList(0, 3));
        assertEquals(List.of("10100101", "9999-12-31"), stored.get(0).subList(7, 9));
        assertEquals(List.of("-838:59:59.5", "ab  ", "\\x00ff", "{\"a\":  [1, 2.50]}"), stored.get(0).subList(11, 15));
    }

    @Test
    void aKeylessRowOfEveryKindIsFoundByItsValues() throws Exception {
        TargetTable keyless = kinds("keyless", false);
        db.target.snapshotTarget().createTable(keyless);
        String[] nulls = new String[EDGES.length];
        List<ChangeEvent> events = List.of(insert(keyless, 1, row("1", EDGES)), insert(keyless, 2, row("1", EDGES)),
                insert(keyless, 3, row("2", nulls)));
        db.target.changeSink().apply(events, position(3));

        db.target.changeSink().apply(List.of(delete(keyless, 4, row("1", EDGES)), delete(keyless, 5, row("2", nulls))),
                position(5));

        assertEquals(List.of("1"), rows("keyless").stream().map(r -> r.get(0)).toList());
    }

    @Test
    void aValueTooLongForItsColumnIsRefusedNotCut() throws Exception {
        TargetTable keyed = kinds("strict", true);
        db.target.snapshotTarget().createTable(keyed);
        String[] tooLong = EDGES.clone();
        tooLong[11] = "abcde";
        SinkException e = assertThrows(SinkException.class,
                () -> db.target.changeSink().apply(List.of(insert(keyed, 1, row("1", tooLong))), position(1)));
        assertTrue(e.getMessage().contains("22001"), e.getMessage());
    }
}
