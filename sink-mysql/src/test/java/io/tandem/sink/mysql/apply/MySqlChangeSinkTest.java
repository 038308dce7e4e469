package io.tandem.sink.mysql.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.mysql.MySqlFixture;
import io.tandem.sink.mysql.state.MySqlOffsetStore;
import io.tandem.sink.mysql.state.ReverseOffsetTable;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reverse sink on a real MariaDB: a batch of PostgreSQL transactions lands in one MySQL transaction with its
 * offset and control rows, a truncate stays inside that transaction, and what it refuses fails the batch whole.
 */
class MySqlChangeSinkTest {

    private static final Map<String, Object> PARTITION = Map.of("server", "tandem-reverse");

    private static String db;
    private static ControlTables control;
    private static MySqlChangeSink sink;
    private static TargetTable orders;

    @BeforeAll
    static void open() throws Exception {
        db = MySqlFixture.server().createDatabase("reverse_sink");
        control = new ControlTables(MySqlFixture.server().createDatabase("tandem_ctl"));
        try (Connection session = MySqlFixture.session()) {
            control.createReverse(session);
            session.commit();
        }
        MySqlFixture.execute(db, "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20))",
                "INSERT INTO orders VALUES (1, 'before')");
        orders = MySqlFixture.mapped(new TableId(db, "orders"));
        sink = new MySqlChangeSink(MySqlFixture.endpoint(), MySqlFixture.serverInfo(), control, 500);
    }

    @AfterAll
    static void close() {
        sink.close();
    }

    @Test
    void aBatchCommitsItsRowsControlRowsAndOffsetTogether() throws Exception {
        SourcePosition first = position(100);
        sink.apply(List.of(
                new TruncateTable(orders, first),
                insert("5", "after truncate", first),
                new TransactionEnd("701", first)), first);
        SourcePosition second = position(200);
        sink.apply(List.of(
                insert("6", "second", second),
                new Heartbeat("shop", 42, 1_700_000_000_000_000L, second),
                new FenceToken("failback-abc", second),
                new TransactionEnd("702", second)), second);

        assertEquals(List.of("5|after truncate", "6|second"),
                MySqlFixture.column(db, "SELECT CONCAT(id, '|', note) FROM orders ORDER BY id"));
        assertEquals(List.of("1"), MySqlFixture.column(control.database(),
                "SELECT COUNT(*) FROM reverse_fence WHERE token = 'failback-abc'"));
        assertEquals(List.of("42"), MySqlFixture.column(control.database(),
                "SELECT seq FROM reverse_heartbeat WHERE instance = 'shop'"));
        assertEquals(Map.of("lsn", 200), new MySqlOffsetStore(MySqlFixture.endpoint(), new ReverseOffsetTable(control))
                .committedOffset(PARTITION).orElseThrow());
    }

    @Test
    void aSchemaChangeFailsTheWholeBatch() throws Exception {
        SourcePosition third = position(300);
        RuntimeException refused = assertThrows(RuntimeException.class, () -> sink.apply(List.of(
                insert("9", "not applied", third), new CreateTable(orders, third)), third));

        assertTrue(String.valueOf(refused.getMessage()).contains("not replicated in the reverse direction"),
                String.valueOf(refused.getMessage()));
        assertEquals(List.of("0"), MySqlFixture.column(db, "SELECT COUNT(*) FROM orders WHERE id = 9"));
    }

    private static RowChange insert(String id, String note, SourcePosition position) {
        return new RowChange(RowChange.Op.INSERT, orders, null, new String[] {id, note}, position);
    }

    private static SourcePosition position(long lsn) {
        return new SourcePosition(PARTITION, Map.of("lsn", lsn), "lsn " + lsn);
    }
}
