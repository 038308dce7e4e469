package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.column;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.notNull;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetIndex;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.transform.ValueKind;
import io.tandem.sink.postgres.ddl.SchemaApplier;
import io.tandem.sink.postgres.ddl.TableMismatchException;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DdlTest {

    private TargetFixture db;

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_ddl");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /** Awkward names on purpose: mixed case, a quote, a space; all must be quoted, never folded. */
    private static TargetTable orders() {
        return table("Shop \"A\"", "Orders", List.of(
                new TargetColumn("id", "id", "bigint", ValueKind.INTEGER, false, null, true, true),
                new TargetColumn("status", "status", "text", ValueKind.TEXT, false, "'new'::text", false, true),
                column("Email", "character varying(100)", ValueKind.TEXT),
                column("total", "numeric(10,2)", ValueKind.DECIMAL),
                new TargetColumn("computed", "computed", "integer", ValueKind.INTEGER, true, "42", false, false)),
                List.of("id"),
                List.of(new TargetIndex("email_uq", "orders_email_uq", true, List.of("Email")),
                        new TargetIndex("status+total", "orders status+total", false, List.of("status", "total"))));
    }

    @Test
    void createsTableWithIdentityDefaultsNotNullAndIndexes() throws Exception {
        db.target.snapshotTarget().createTable(orders());

        List<List<String>> columns = db.query("SELECT column_name, data_type, is_nullable, column_default,"
                + " is_identity FROM information_schema.columns WHERE table_schema = 'Shop \"A\"'"
                + " AND table_name = 'Orders' ORDER BY ordinal_position");
        assertEquals(Arrays.asList("id", "bigint", "NO", null, "YES"), columns.get(0));
        assertEquals(List.of("status", "text", "NO", "'new'::text", "NO"), columns.get(1));
        assertEquals(List.of("Email", "character varying", "YES"), columns.get(2).subList(0, 3));
        assertEquals("42", columns.get(4).get(3));
        assertEquals("id", db.value("SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = '\"Shop \"\"A\"\"\".\"Orders\"'::regclass AND i.indisprimary"));
        assertEquals(List.of(List.of("orders status+total", "false"), List.of("orders_email_uq", "true")),
                db.query("SELECT c.relname, i.indisunique::text FROM pg_index i JOIN pg_class c"
                        + " ON c.oid = i.indexrelid WHERE i.indrelid = '\"Shop \"\"A\"\"\".\"Orders\"'::regclass"
                        + " AND NOT i.indisprimary ORDER BY 1"));
    }

    @Test
    void identityStillGeneratesWhenTheTargetInsertsItself() throws Exception {
        db.target.snapshotTarget().createTable(orders());
        db.execute("INSERT INTO \"Shop \"\"A\"\"\".\"Orders\" (\"Email\") VALUES ('a@b')");
        assertEquals(List.of(List.of("1", "new", "42")),
                db.query("SELECT id, status, computed FROM \"Shop \"\"A\"\"\".\"Orders\""));
    }

    @Test
    void anExistingTableWithTheSameColumnsInAnyOrderIsKept() throws Exception {
        db.execute("CREATE SCHEMA \"Shop \"\"A\"\"\"");
        db.execute("CREATE TABLE \"Shop \"\"A\"\"\".\"Orders\" (computed int, total numeric, \"Email\" text,"
                + " status text, id bigint PRIMARY KEY)");
        db.execute("INSERT INTO \"Shop \"\"A\"\"\".\"Orders\" (id) VALUES (7)");

        db.target.snapshotTarget().createTable(orders());

        assertEquals("7", db.value("SELECT id FROM \"Shop \"\"A\"\"\".\"Orders\""));
        assertEquals("2", db.value("SELECT count(*) FROM pg_indexes WHERE tablename = 'Orders'"
                + " AND indexname LIKE 'orders%'"));
    }

    @Test
    void anExistingTableWithOtherColumnsIsRefusedNamingThem() throws Exception {
        db.execute("CREATE SCHEMA \"Shop \"\"A\"\"\"");
        db.execute("CREATE TABLE \"Shop \"\"A\"\"\".\"Orders\" (id bigint, status text, \"email\" text,"
                + " total numeric, computed int, extra int)");

        TableMismatchException e = assertThrows(TableMismatchException.class,
                () -> db.target.snapshotTarget().createTable(orders()));

        assertEquals(List.of("Email"), e.missing());
        assertEquals(List.of("email", "extra"), e.unexpected());
        assertTrue(e.getMessage().contains("Shop \"A\".Orders"), e.getMessage());
        assertTrue(!e.transientFailure());
    }

    @Test
    void streamedCreateAndDropApplyInOrderWithTheirRows() throws Exception {
        TargetTable late = table("shop", "late", List.of(notNull("id", "integer", ValueKind.INTEGER),
                column("v", "text", ValueKind.TEXT)), List.of("id"), List.of());

        db.target.changeSink().apply(List.of(new CreateTable(late, position(1)), insert(late, 2, "1", "one"),
                insert(late, 3, "2", "two")), position(3));
        assertEquals(2, db.count("shop.late"));

        db.target.changeSink().apply(List.of(insert(late, 4, "3", "three"), new DropTable(late, position(5))),
                position(5));
        assertEquals("0", db.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'shop'"));
    }

    @Test
    void aStreamedCreateOfAMismatchedTableFailsTheBatch() throws Exception {
        db.execute("CREATE SCHEMA shop");
        db.execute("CREATE TABLE shop.items (id bigint PRIMARY KEY, other text)");

        SinkException e = assertThrows(SinkException.class, () -> db.target.changeSink().apply(
                List.of(new CreateTable(Fixtures.items(), position(1))), position(1)));

        assertTrue(e.getMessage().contains("shop.items"), e.getMessage());
        assertEquals(0, db.count("tandem.offsets"));
    }

    /**
     * The tasks of a Kafka Connect sink create tables at once, often the first ones of a schema: the second waits
     * for the first's transaction rather than failing on the schema both create (a unique violation).
     */
    @Test
    void twoWritersCreatingTablesInOneNewSchemaAtOnceBothSucceed() throws Exception {
        TargetTable first = table("shared", "first", List.of(notNull("id", "bigint", ValueKind.INTEGER)),
                List.of("id"), List.of());
        TargetTable second = table("shared", "second", List.of(notNull("id", "bigint", ValueKind.INTEGER)),
                List.of("id"), List.of());
        try (Connection a = db.connect(); Connection b = db.connect()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            SchemaApplier.createTable(a, first);
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try {
                    SchemaApplier.createTable(b, second);
                    b.commit();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"1".equals(db.value("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'"))) {
                assertTrue(System.nanoTime() < deadline, "the second writer never waited for the first");
                assertTrue(!other.isDone(), "the second writer finished while the first held its transaction");
                Thread.sleep(10);
            }
            a.commit();
            other.get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(List.of("first"), List.of("second")), db.query("SELECT table_name"
                + " FROM information_schema.tables WHERE table_schema = 'shared' ORDER BY 1"));
    }
}
