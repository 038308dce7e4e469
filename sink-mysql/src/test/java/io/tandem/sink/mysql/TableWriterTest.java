package io.tandem.sink.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.mysql.apply.MySqlTableWriter;
import io.tandem.sink.mysql.error.MySqlErrors;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each {@link MySqlTableWriter} operation does to rows on a real server, and what it refuses. */
class TableWriterTest {

    private static String db;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = MySqlFixture.server().createDatabase("reverse_writer");
    }

    @Test
    void upsertInsertsThenOverwritesEveryColumn() throws Exception {
        TargetTable table = table("CREATE TABLE upserted (id int PRIMARY KEY, v varchar(10), n int)");
        write(table, writer -> writer.upsert(List.<String[]>of(row("1", "a", "1"), row("2", "b", null))));
        write(table, writer -> writer.upsert(List.<String[]>of(row("1", "c", null), row("2", "d", "4"))));
        assertEquals(List.of("1|c|NULL", "2|d|4"), rows("upserted", "id, v, n"));
    }

    @Test
    void keyOnlyTablesUpsertWithoutChangingTheRow() throws Exception {
        TargetTable table = table("CREATE TABLE key_only (a int, b varchar(5), PRIMARY KEY (a, b))");
        write(table, writer -> writer.upsert(List.<String[]>of(row("1", "x"), row("1", "x"))));
        write(table, writer -> writer.upsert(List.<String[]>of(row("1", "x"), row("2", "y"))));
        assertEquals(List.of("1|x", "2|y"), rows("key_only", "a, b"));
    }

    @Test
    void deleteByCompositeKeyRemovesExactlyThoseRows() throws Exception {
        TargetTable table = table("CREATE TABLE composite (a int, b varchar(5), v int, PRIMARY KEY (a, b))");
        write(table, writer -> writer.upsert(List.<String[]>of(row("1", "x", "1"), row("1", "y", "2"), row("2", "x", "3"))));
        write(table, writer -> writer.deleteByKey(List.<String[]>of(row("1", "y"), row("2", "x"), row("9", "z"))));
        assertEquals(List.of("1|x|1"), rows("composite", "a, b, v"));
    }

    @Test
    void keylessUpdateAndDeleteTouchOneOfTwoIdenticalRows() throws Exception {
        TargetTable table = table("CREATE TABLE twins (a int, b varchar(5))");
        write(table, writer -> writer.insert(List.<String[]>of(row("1", "x"), row("1", "x"))));
        write(table, writer -> assertTrue(writer.updateOne(row("1", "x"), row("2", "y"))));
        assertEquals(List.of("1|x", "2|y"), rows("twins", "a, b"));
        // A row set to the values it already has still counts as found.
        write(table, writer -> assertTrue(writer.updateOne(row("2", "y"), row("2", "y"))));
        write(table, writer -> {
            assertTrue(writer.deleteOne(row("1", "x")));
            assertFalse(writer.deleteOne(row("1", "x")));
            assertFalse(writer.updateOne(row("1", "x"), row("3", "z")));
        });
        assertEquals(List.of("2|y"), rows("twins", "a, b"));
    }

    @Test
    void keylessMatchesFindFloatValuesAndNulls() throws Exception {
        TargetTable table = table("CREATE TABLE floats (f float, d double, f2 float(7,3))");
        write(table, writer -> writer.insert(List.<String[]>of(row("0.1", "0.1", "1.5"), row("1.4E-45", null, null),
                row("3.4028235E38", "4.9E-324", "-9999.999"))));
        write(table, writer -> {
            assertTrue(writer.updateOne(row("0.1", "0.1", "1.5"), row("0.2", "0.1", "1.5")));
            assertTrue(writer.deleteOne(row("1.4E-45", null, null)));
            assertTrue(writer.deleteOne(row("3.4028235E38", "4.9E-324", "-9999.999")));
        });
        // The stored FLOAT is exactly 0.2f: widened it is 0.20000000298023224, not the double 0.2.
        assertEquals(List.of("0.20000000298023224|0.1|1.500"), rows("floats", "f * 1e0, d, f2"));
    }

    @Test
    void statementsAreCutIntoChunksBelowThePlaceholderLimit() throws Exception {
        TargetTable table = table("CREATE TABLE many (id int PRIMARY KEY, v varchar(10))");
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rows.add(row(String.valueOf(i), "v" + i));
        }
        write(table, writer -> writer.upsert(rows));
        write(table, writer -> writer.deleteByKey(rows.subList(0, 2_100).stream().map(r -> row(r[0])).toList()));
        assertEquals(List.of("400"), MySqlFixture.column(db, "SELECT COUNT(*) FROM many"));
    }

    @Test
    void anUpsertThatWouldMergeIntoAnotherRowThroughAUniqueKeyFailsNamingIt() throws Exception {
        TargetTable table = table("CREATE TABLE people (id int PRIMARY KEY, email varchar(20)"
                + " COLLATE utf8mb4_general_ci, name varchar(10), UNIQUE KEY uk_email (email))");
        write(table, writer -> writer.upsert(List.<String[]>of(row("1", "a@x", "ann"))));
        // Updating the row itself through its own key is fine, email included.
        write(table, writer -> writer.upsert(List.<String[]>of(row("1", "b@x", "ann"))));

        // PostgreSQL (case-sensitive) has another row 2 with 'B@X'; MySQL's unique key calls it row 1's email.
        FailedStatement clash = assertThrows(FailedStatement.class,
                () -> write(table, writer -> writer.upsert(List.<String[]>of(row("2", "B@X", "bob")))));
        assertEquals("upsert", clash.operation());
        assertEquals(db + ".people", clash.table());
        assertEquals("23000", clash.sqlException().getSQLState());
        assertTrue(clash.sqlException().getMessage().contains("uk_email"), clash.sqlException().getMessage());
        assertEquals(MySqlErrors.Kind.DATA, MySqlErrors.classify(clash));
        // Rolled back: row 1 is untouched, no row 2.
        assertEquals(List.of("1|b@x|ann"), rows("people", "id, email, name"));

        // Two new rows in one batch that MySQL's unique key cannot tell apart.
        assertThrows(FailedStatement.class, () -> write(table,
                writer -> writer.upsert(List.<String[]>of(row("3", "c@x", "c"), row("4", "C@X", "d")))));
        assertEquals(List.of("1|b@x|ann"), rows("people", "id, email, name"));
    }

    @Test
    void anUpsertWhoseKeyTheCollationMatchesToAnotherKeyFails() throws Exception {
        TargetTable table = table("CREATE TABLE codes (code varchar(10) COLLATE utf8mb4_general_ci PRIMARY KEY,"
                + " v int)");
        write(table, writer -> writer.upsert(List.<String[]>of(row("a", "1"))));
        write(table, writer -> writer.upsert(List.<String[]>of(row("a", "2"))));
        assertThrows(FailedStatement.class, () -> write(table, writer -> writer.upsert(List.<String[]>of(row("A", "3")))));
        assertThrows(FailedStatement.class, () -> write(table, writer -> writer.upsert(List.<String[]>of(row("a ", "4")))));
        assertEquals(List.of("a|2"), rows("codes", "code, v"));
    }

    @Test
    void aValueMySqlCannotHoldIsRefusedNamingTableAndColumn() throws Exception {
        TargetTable table = table("CREATE TABLE refused (id int PRIMARY KEY, day date, x double, t time,"
                + " ts timestamp(3) NULL, amount decimal(5,2))");
        List<String[]> bad = List.of(
                row("1", "infinity", null, null, null, null),
                row("2", null, "NaN", null, null, null),
                row("3", null, null, "1 day 02:00:00", null, null),
                row("4", null, null, null, "2024-01-01 00:00:00.1234+00", null),
                row("5", null, null, null, null, "1.005"),
                row("6", "0044-03-15 BC", null, null, null, null));
        String[] columns = {"day", "x", "t", "ts", "amount", "day"};
        for (int i = 0; i < bad.size(); i++) {
            String[] row = bad.get(i);
            FailedStatement refused = assertThrows(FailedStatement.class,
                    () -> write(table, writer -> writer.upsert(List.<String[]>of(row))));
            String message = refused.sqlException().getMessage();
            assertTrue(message.contains("table " + db + ".refused column " + columns[i]), message);
            assertEquals(MySqlErrors.Kind.DATA, MySqlErrors.classify(refused), message);
        }
        // A range only the server knows (TIMESTAMP ends in 2038) is refused by the strict sql_mode.
        FailedStatement range = assertThrows(FailedStatement.class, () -> write(table,
                writer -> writer.upsert(List.<String[]>of(row("7", null, null, null, "2040-01-01 00:00:00+00", null)))));
        assertEquals(MySqlErrors.Kind.DATA, MySqlErrors.classify(range));
        assertEquals(List.of("0"), MySqlFixture.column(db, "SELECT COUNT(*) FROM refused"));
    }

    @Test
    void foreignKeysAreNotCheckedSoMySqlHoldsExactlyWhatPostgresHolds() throws Exception {
        TargetTable parent = table("CREATE TABLE parent (id int PRIMARY KEY)");
        TargetTable child = table("CREATE TABLE child (id int PRIMARY KEY, parent_id int,"
                + " FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)");
        try (Connection session = MySqlFixture.session()) {
            // PostgreSQL enforces none of MySQL's keys: a child written there before (or without) its parent.
            MySqlFixture.writer(session, child).upsert(List.<String[]>of(row("1", "7")));
            MySqlFixture.writer(session, parent).upsert(List.<String[]>of(row("7")));
            session.commit();
            // A parent deleted on PostgreSQL leaves the child there, so it must stay on MySQL too: no cascade.
            MySqlFixture.writer(session, parent).deleteByKey(List.<String[]>of(row("7")));
            session.commit();
        }
        assertEquals(List.of("1|7"), rows("child", "id, parent_id"));
        assertEquals(List.of("0"), MySqlFixture.column(db, "SELECT COUNT(*) FROM parent"));
    }

    /** A piece of work on a writer, committed when it returns. */
    private interface Work {
        void run(MySqlTableWriter writer) throws Exception;
    }

    private static void write(TargetTable table, Work work) throws Exception {
        try (Connection session = MySqlFixture.session()) {
            try {
                work.run(MySqlFixture.writer(session, table));
                session.commit();
            } catch (Exception | AssertionError e) {
                session.rollback();
                throw e;
            }
        }
    }

    private static TargetTable table(String ddl) throws Exception {
        MySqlFixture.execute(db, ddl);
        String name = ddl.substring("CREATE TABLE ".length(), ddl.indexOf(' ', "CREATE TABLE ".length()));
        return MySqlFixture.mapped(new TableId(db, name));
    }

    /** The rows' columns joined by {@code |}, NULL shown, sorted. */
    private static List<String> rows(String table, String columns) throws Exception {
        StringBuilder joined = new StringBuilder();
        for (String column : columns.split(", ")) {
            joined.append(joined.length() == 0 ? "" : ", ").append("IFNULL(CAST(").append(column)
                    .append(" AS CHAR), 'NULL')");
        }
        return MySqlFixture.column(db, "SELECT CONCAT_WS('|', " + joined + ") FROM " + table + " ORDER BY 1");
    }

    private static String[] row(String... values) {
        return values;
    }
}
