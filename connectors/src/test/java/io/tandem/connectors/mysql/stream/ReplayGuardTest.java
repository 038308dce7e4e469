package io.tandem.connectors.mysql.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static Map<String, Object> offset(String file, long pos, long event, long row) {
        return Map.of("file", file, "pos", pos, "event", event, "row", row, "transaction_id", "t" + pos);
    }

    private static final Map<String, Object> ROW_1 = offset("mysql-bin.000009", 400, 2, 1);
    private static final Map<String, Object> END_1 = offset("mysql-bin.000009", 400, 3, 0);
    private static final Map<String, Object> ROW_2 = offset("mysql-bin.000009", 900, 2, 1);
    private static final Map<String, Object> END_2 = offset("mysql-bin.000009", 900, 3, 0);
    private static final Map<String, Object> ROW_3 = offset("mysql-bin.000010", 4, 2, 1);

    @Test
    void theRecordAtTheStoredOffsetIsRepeatedOnceAfterARestart() {
        // The state store may give ints back where Debezium wrote longs.
        ReplayGuard guard = new ReplayGuard(Map.of("file", "mysql-bin.000009", "pos", 400, "event", 3));
        assertTrue(guard.repeats(END_1));
        assertFalse(guard.repeats(ROW_2));
        assertFalse(guard.repeats(END_2));
    }

    @Test
    void aStartPositionOrARowOffsetIsNeverRepeated() {
        ReplayGuard guard = new ReplayGuard(Map.of("file", "mysql-bin.000009", "pos", 400L, "gtids", "0-1-5"));
        assertFalse(guard.repeats(ROW_1));
        assertFalse(guard.repeats(END_1));
    }

    @Test
    void afterAnEngineRestartEverythingHandledAlreadyIsDroppedOnce() {
        ReplayGuard guard = new ReplayGuard(null);
        List<Map<String, Object>> first = List.of(ROW_1, END_1, ROW_2, END_2);
        first.forEach(o -> assertFalse(guard.repeats(o)));
        // The task restarted from the committed offset (END_1): ROW_2 and END_2 come again, then new records.
        List<Boolean> replay = new ArrayList<>();
        for (Map<String, Object> o : List.of(END_1, ROW_2, END_2, ROW_3)) {
            replay.add(guard.repeats(o));
        }
        assertEquals(List.of(true, true, true, false), replay);
    }

    @Test
    void recordsSharingAnOffsetAllPassOnceAndRepeatOnce() {
        Map<String, Object> ddl = offset("mysql-bin.000009", 1000, 1, 0);
        ReplayGuard guard = new ReplayGuard(null);
        assertFalse(guard.repeats(ddl));
        assertFalse(guard.repeats(ddl), "a DDL on two tables gives two records with one offset");
        assertTrue(guard.repeats(END_2), "restart from an earlier offset");
        assertTrue(guard.repeats(ddl));
        assertTrue(guard.repeats(ddl));
        assertFalse(guard.repeats(ROW_3));
    }

    @Test
    void afterARestartAsManyRecordsAsTheStoredOffsetCountsAreRepeated() {
        Map<String, Object> ddl = offset("mysql-bin.000009", 400, 1, 0);
        ReplayGuard guard = new ReplayGuard(Map.of("file", "mysql-bin.000009", "pos", 400, "event", 1,
                StreamStart.RECORDS_AT_OFFSET, 2));
        assertTrue(guard.repeats(ddl));
        assertTrue(guard.repeats(ddl));
        assertFalse(guard.repeats(ddl), "the third record at the offset was not handled before the restart");
    }
}
