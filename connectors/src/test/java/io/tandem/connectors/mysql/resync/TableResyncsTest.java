package io.tandem.connectors.mysql.resync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.jdbc.BinlogPosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.resync.Resync;
import io.tandem.engine.resync.ResyncStore;
import io.tandem.engine.sink.SnapshotTarget.TableLoad;
import io.tandem.engine.status.SnapshotProgressTracker;
import io.tandem.engine.transform.TargetTable;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a resync means for each change of its table, in every phase of its copy. */
class TableResyncsTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TargetTable COPIED = new TargetTable(ORDERS, "shop", "orders", List.of(), List.of(),
            List.of(), List.of());
    private static final BinlogPosition COPY_AT = new BinlogPosition("mysql-bin.000001", 1000);

    private final FakeStore store = new FakeStore();
    private final ScriptedCopier copier = new ScriptedCopier(store);
    private TableResyncs resyncs;

    @AfterEach
    void close() {
        copier.release.countDown();
        if (resyncs != null) {
            resyncs.close();
        }
    }

    @Test
    void noResyncMeansDecodeAsUsual() {
        start();
        assertInstanceOf(Coverage.None.class, resyncs.coverage(ORDERS, at(5)));
        assertFalse(resyncs.busy());
    }

    @Test
    void changesBeforeTheCopyPositionAreCoveredAndTheFirstAfterItWaitsForTheCopy() throws Exception {
        start();
        resyncs.request(ORDERS, "test");
        assertInstanceOf(Coverage.Covered.class, resyncs.coverage(ORDERS, at(5)), "before the snapshot starts");
        assertTrue(copier.snapshotsTaken.tryAcquire(10, TimeUnit.SECONDS), "the copy's snapshot");
        assertInstanceOf(Coverage.Covered.class, resyncs.coverage(ORDERS, at(999)));
        CompletableFuture<Coverage> after = CompletableFuture.supplyAsync(() -> resyncs.coverage(ORDERS, at(1000)));
        assertThrows(TimeoutException.class, () -> after.get(300, TimeUnit.MILLISECONDS),
                "a change at the copy position waits while the copy runs");
        copier.release.countDown();
        Coverage coverage = after.get(10, TimeUnit.SECONDS);
        Coverage.SwapFirst swap = assertInstanceOf(Coverage.SwapFirst.class, coverage);
        assertEquals(Resync.Phase.COPIED, swap.copied().phase());
        assertTrue(resyncs.status().get(0).streamHeldSince() != null, "the hold is shown");
        resyncs.handed(ORDERS);
        assertInstanceOf(Coverage.None.class, resyncs.coverage(ORDERS, at(2000)));
        assertEquals("swapped", resyncs.status().get(0).phase());
    }

    @Test
    void aCommittedCopyIsReadyBeforeAnyChangeOfItsTable() throws Exception {
        start();
        copier.release.countDown();
        resyncs.request(ORDERS, "test");
        awaitReady();
        assertInstanceOf(Coverage.SwapFirst.class, resyncs.ready().get(ORDERS));
    }

    @Test
    void aFailedCopyStopsTheStreamAtItsNextChange() throws Exception {
        copier.failure = new SQLException("connection lost");
        copier.release.countDown();
        start();
        resyncs.request(ORDERS, "test");
        assertTrue(copier.snapshotsTaken.tryAcquire(10, TimeUnit.SECONDS), "the copy's snapshot");
        // A change past the copy position waits for the copy, and learns of its failure.
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> resyncs.coverage(ORDERS, at(1000)));
        assertTrue(failure.getMessage().contains("shop.orders") && failure.getMessage().contains("connection lost"),
                failure.getMessage());
    }

    @Test
    void aRequestAfterTheCopyWasTakenIsCopiedAgainAfterTheSwap() throws Exception {
        start();
        copier.release.countDown();
        resyncs.request(ORDERS, "first");
        awaitReady();
        resyncs.request(ORDERS, "second");
        assertEquals(2, store.requests.size(), "the copied one does not absorb a later request");
        resyncs.handed(ORDERS);
        assertTrue(resyncs.busy(), "the second request follows");
        awaitReady();
        assertEquals(2, copier.copies);
    }

    @Test
    void aStartFindsCopiesToSwapAndSupersedesOnesWithANewerRequest() {
        Resync copied = new Resync(1, ORDERS, "old", Instant.EPOCH, Resync.Phase.COPIED,
                Map.of("file", "mysql-bin.000001", "pos", "1000"), COPIED, 3);
        store.unfinished.add(copied);
        TableId other = new TableId("shop", "items");
        store.unfinished.add(new Resync(2, other, "old", Instant.EPOCH, Resync.Phase.COPIED,
                Map.of("file", "mysql-bin.000001", "pos", "900"), COPIED, 3));
        store.unfinished.add(new Resync(3, other, "newer", Instant.EPOCH, Resync.Phase.REQUESTED, null, null, 0));
        start();
        assertInstanceOf(Coverage.SwapFirst.class, resyncs.coverage(ORDERS, at(1000)));
        assertEquals(List.of(2L), store.abandoned, "the copy a newer request supersedes is abandoned");
    }

    /** A change past the copy position waits until the copy is committed (without swapping it in). */
    private void awaitReady() throws InterruptedException {
        assertTrue(copier.snapshotsTaken.tryAcquire(10, TimeUnit.SECONDS), "the copy's snapshot");
        assertInstanceOf(Coverage.SwapFirst.class, resyncs.coverage(ORDERS, at(1000)));
        assertFalse(resyncs.ready().isEmpty(), "the copy did not finish");
    }

    private void start() {
        resyncs = new TableResyncs(store, copier, source -> COPIED, new SnapshotProgressTracker(Clock.systemUTC()),
                Clock.systemUTC());
        resyncs.start();
    }

    private static BinlogPosition at(long pos) {
        return new BinlogPosition("mysql-bin.000001", pos);
    }

    /** Takes its snapshot at {@link #COPY_AT}, then waits for {@link #release} before it commits. */
    private static final class ScriptedCopier implements TableCopier {

        /** One permit per snapshot taken. */
        final Semaphore snapshotsTaken = new Semaphore(0);
        final CountDownLatch release = new CountDownLatch(1);
        final FakeStore store;
        volatile SQLException failure;
        volatile int copies;

        ScriptedCopier(FakeStore store) {
            this.store = store;
        }

        @Override
        public Outcome copy(Resync resync, Function<SourceTable, TargetTable> mapping, Moments moments,
                            BooleanSupplier cancelled)
                throws SQLException {
            moments.snapshotStarting();
            moments.snapshotTaken(COPY_AT);
            snapshotsTaken.release();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted");
            }
            if (failure != null) {
                throw failure;
            }
            copies++;
            store.copied(resync.id());
            return new Copied(new Resync(resync.id(), resync.table(), resync.reason(), resync.requestedAt(),
                    Resync.Phase.COPIED, Map.of("file", COPY_AT.file(), "pos", String.valueOf(COPY_AT.pos())),
                    COPIED, 3));
        }
    }

    /** Requests in memory, as tandem.resync keeps them: one waiting for its copy per table. */
    private static final class FakeStore implements ResyncStore {

        final List<Resync> requests = new ArrayList<>();
        final List<Resync> unfinished = new ArrayList<>();
        final List<Long> abandoned = new ArrayList<>();
        private final Set<Long> copiedIds = new HashSet<>();

        synchronized void copied(long id) {
            copiedIds.add(id);
        }

        @Override
        public synchronized Resync request(TableId table, String reason) {
            for (Resync resync : requests) {
                if (resync.table().equals(table) && !copiedIds.contains(resync.id())) {
                    return resync;
                }
            }
            Resync resync = new Resync(requests.size() + 1, table, reason, Instant.now(), Resync.Phase.REQUESTED,
                    null, null, 0);
            requests.add(resync);
            return resync;
        }

        @Override
        public void abandon(Resync resync) {
            abandoned.add(resync.id());
        }

        @Override
        public List<Resync> unfinished() {
            return List.copyOf(unfinished);
        }

        @Override
        public List<Resync> recent(int limit) {
            return List.of();
        }

        @Override
        public TableLoad beginCopy(Resync resync, TargetTable table) {
            throw new UnsupportedOperationException("the scripted copier builds nothing");
        }
    }
}
