package io.tandem.cutover.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class BinlogEventTest {

    private static final Set<String> DATABASES = Set.of("shop");
    private static final Predicate<TableId> REPLICATED = t -> t.database().equals("shop") && !t.table().equals("skip");

    private static BinlogScan.Event event(String type, String info) {
        return new BinlogScan.Event(100, 200, type, info);
    }

    @Test
    void rowEventsCountOnlyForReplicatedTables() {
        assertTrue(event("Table_map", "table_id: 71 (shop.item)").changes(DATABASES, REPLICATED));
        assertFalse(event("Table_map", "table_id: 71 (shop.skip)").changes(DATABASES, REPLICATED));
        assertFalse(event("Table_map", "table_id: 72 (other.item)").changes(DATABASES, REPLICATED));
        assertEquals(new TableId("shop", "a.b"), BinlogScan.Event.mappedTable("table_id: 1 (shop.a.b)"));
    }

    @Test
    void statementsCountInAReplicatedDatabaseOrWhenTheDatabaseIsUnknown() {
        assertFalse(event("Query", "BEGIN").changes(DATABASES, REPLICATED));
        assertFalse(event("Query", "COMMIT").changes(DATABASES, REPLICATED));
        assertTrue(event("Query", "use `shop`; ALTER TABLE item ADD c INT").changes(DATABASES, REPLICATED));
        assertFalse(event("Query", "use `other`; CREATE TABLE x (a INT)").changes(DATABASES, REPLICATED));
        assertTrue(event("Query", "CREATE TABLE shop.x (a INT)").changes(DATABASES, REPLICATED));
        assertFalse(event("Gtid", "BEGIN GTID 0-1-5").changes(DATABASES, REPLICATED));
        assertFalse(event("Xid", "COMMIT /* xid=7 */").changes(DATABASES, REPLICATED));
    }

    @Test
    void aCommitOrADdlEndsTheFirstGroup() {
        assertTrue(event("Xid", "COMMIT /* xid=7 */").endsGroup());
        assertTrue(event("Query", "COMMIT").endsGroup());
        assertTrue(event("Query", "use `shop`; DROP TABLE x").endsGroup());
        assertFalse(event("Query", "BEGIN").endsGroup());
        assertFalse(event("Table_map", "table_id: 71 (shop.item)").endsGroup());
    }
}
