package io.tandem.sink.postgres;

import static io.tandem.sink.postgres.Fixtures.delete;
import static io.tandem.sink.postgres.Fixtures.insert;
import static io.tandem.sink.postgres.Fixtures.log;
import static io.tandem.sink.postgres.Fixtures.position;
import static io.tandem.sink.postgres.Fixtures.row;
import static io.tandem.sink.postgres.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.engine.change.TruncateTable;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.transform.TargetTable;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeylessApplyTest {

    private TargetFixture db;
    private ChangeSink sink;
    private final TargetTable log = log();

    @BeforeEach
    void open() throws Exception {
        db = TargetFixture.open("sink_keyless");
        db.target.snapshotTarget().createTable(log);
        sink = db.target.changeSink();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private List<List<String>> logRows() throws Exception {
        return db.query("SELECT who, what FROM shop.log ORDER BY who, what NULLS FIRST");
    }

    @Test
    void identicalRowsStayAsManyAsOnTheSource() throws Exception {
        sink.apply(List.of(
                insert(log, 1, "ann", "x"),
                insert(log, 2, "ann", "x"),
                insert(log, 3, "ann", "x")), position(3));

        sink.apply(List.of(delete(log, 4, "ann", "x")), position(4));
        assertEquals(List.of(List.of("ann", "x"), List.of("ann", "x")), logRows());

        sink.apply(List.of(update(log, 5, row("ann", "x"), row("ann", "y"))), position(5));
        assertEquals(List.of(List.of("ann", "x"), List.of("ann", "y")), logRows());
    }

    @Test
    void changesInOneBatchApplyInOrderIncludingRowsAddedByIt() throws Exception {
        sink.apply(List.of(
                insert(log, 1, "bob", "x"),
                insert(log, 2, "bob", "x"),
                update(log, 3, row("bob", "x"), row("bob", "z")),
                insert(log, 4, "bob", "x"),
                delete(log, 5, "bob", "x"),
                update(log, 6, row("bob", "z"), row("bob", "x"))), position(6));

        assertEquals(List.of(List.of("bob", "x"), List.of("bob", "x")), logRows());
    }

    @Test
    void nullsMatchNulls() throws Exception {
        sink.apply(List.of(
                insert(log, 1, "cy", null),
                insert(log, 2, "cy", null),
                insert(log, 3, null, null)), position(3));
        sink.apply(List.of(
                delete(log, 4, "cy", null),
                update(log, 5, row(null, null), row(null, "filled"))), position(5));

        assertEquals(List.of(Arrays.asList(null, "filled"), Arrays.asList("cy", null)),
                db.query("SELECT who, what FROM shop.log ORDER BY who NULLS FIRST"));
    }

    @Test
    void truncateBetweenInsertsKeepsOnlyTheLaterOnes() throws Exception {
        sink.apply(List.of(
                insert(log, 1, "dee", "before"),
                new TruncateTable(log, position(2)),
                insert(log, 3, "dee", "after")), position(3));

        assertEquals(List.of(List.of("dee", "after")), logRows());
    }

    @Test
    void aDeleteOfAMissingRowChangesNothing() throws Exception {
        sink.apply(List.of(insert(log, 1, "eve", "x")), position(1));
        sink.apply(List.of(delete(log, 2, "eve", "never there")), position(2));

        assertEquals(List.of(List.of("eve", "x")), logRows());
    }
}
