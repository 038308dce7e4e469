package io.tandem.engine.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tandem.engine.metrics.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SnapshotProgressTrackerTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final SnapshotProgressTracker tracker = new SnapshotProgressTracker(clock);

    @Test
    void etaIsRemainingRowsOverTheCurrentRate() {
        tracker.started("sakila.rental", 16_000);
        for (int second = 0; second < 3; second++) {
            tracker.rowsCopied("sakila.rental", 1_000);
            clock.advance(Duration.ofSeconds(1));
        }

        TableProgress rental = tracker.tables().get(0);

        assertEquals(TableState.COPYING, rental.state());
        assertEquals(3_000, rental.rowsDone());
        assertEquals(1_000.0, rental.rowsPerSecond());
        assertEquals(Duration.ofSeconds(13), rental.eta());
    }

    @Test
    void etaIsUnknownBeforeAnyRateOrOnceTheEstimateIsExceeded() {
        tracker.started("sakila.film", 100);
        assertNull(tracker.tables().get(0).eta());

        tracker.rowsCopied("sakila.film", 150);
        clock.advance(Duration.ofSeconds(1));

        TableProgress film = tracker.tables().get(0);
        assertEquals(150.0, film.rowsPerSecond());
        assertNull(film.eta(), "statistics underestimated the table; claiming 0s would be a lie");
    }

    @Test
    void summaryNamesTablesRowsRateEtaAndWhatIsCopying() {
        tracker.pending("sakila.actor", 200);
        tracker.pending("sakila.film", 1_000);
        tracker.pending("sakila.rental", 16_044);
        tracker.pending("sakila.payment", 982_756);
        tracker.started("sakila.actor", 200);
        tracker.rowsCopied("sakila.actor", 200);
        tracker.finished("sakila.actor");
        tracker.started("sakila.rental", 16_044);
        tracker.started("sakila.film", 1_000);
        for (int second = 0; second < 10; second++) {
            tracker.rowsCopied("sakila.rental", 720);
            tracker.rowsCopied("sakila.film", 50);
            clock.advance(Duration.ofSeconds(1));
        }

        // 7,900 rows in 10 s, actor's included; 992,100 rows left at 790 rows/s; tables in announcement order.
        assertEquals("snapshot 1/4 tables, 7,900/1,000,000 rows (0%), 790 rows/s, ETA 20m56s;"
                + " copying: sakila.film 50%, sakila.rental 44%", tracker.summary());
    }

    @Test
    void finishingReplacesTheEstimateAndCompletesOverall() {
        tracker.started("sakila.film", 1_000);
        tracker.rowsCopied("sakila.film", 1_003);
        tracker.finished("sakila.film");

        SnapshotProgress overall = tracker.overall();

        assertEquals(1_003, overall.rowsEstimated());
        assertEquals(100, overall.percent());
        assertEquals(Duration.ZERO, overall.eta());
        assertEquals(new TableProgress("sakila.film", TableState.COPIED, 1_003, 1_003, 0, Duration.ZERO),
                tracker.tables().get(0));
        assertEquals("snapshot 1/1 tables, 1,003/1,003 rows (100%), 0 rows/s, ETA 0s", tracker.summary());

        tracker.streamingStarted();
        assertEquals(TableState.STREAMING, tracker.tables().get(0).state());
    }

    @Test
    void overallPercentStaysBelowHundredUntilEveryTableIsDone() {
        tracker.started("a.t", 10);
        tracker.rowsCopied("a.t", 50);
        assertEquals(99, tracker.overall().percent());
    }

    @Test
    void refusesCallsOutOfOrder() {
        assertThrows(IllegalStateException.class, () -> tracker.rowsCopied("sakila.film", 1));
        tracker.pending("sakila.film", 10);
        assertThrows(IllegalStateException.class, () -> tracker.rowsCopied("sakila.film", 1));
        assertThrows(IllegalStateException.class, () -> tracker.finished("sakila.film"));
        tracker.started("sakila.film", 10);
        assertThrows(IllegalStateException.class, () -> tracker.started("sakila.film", 10));
    }

    @Test
    void copierThreadsCanReportConcurrently() throws Exception {
        int threads = 4;
        int chunks = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> copiers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String table = "db.t" + t;
                tracker.started(table, chunks);
                copiers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < chunks; i++) {
                        tracker.rowsCopied(table, 1);
                        tracker.summary();
                    }
                    tracker.finished(table);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> copier : copiers) {
                copier.get();
            }
        } finally {
            pool.shutdownNow();
        }

        SnapshotProgress overall = tracker.overall();
        assertEquals(threads, overall.tablesDone());
        assertEquals((long) threads * chunks, overall.rowsDone());
    }

    @Test
    void formatsDurationsCompactly() {
        assertEquals("unknown", SnapshotSummary.duration(null));
        assertEquals("1s", SnapshotSummary.duration(Duration.ofMillis(1)));
        assertEquals("59s", SnapshotSummary.duration(Duration.ofSeconds(59)));
        assertEquals("4m05s", SnapshotSummary.duration(Duration.ofSeconds(245)));
        assertEquals("2h03m", SnapshotSummary.duration(Duration.ofMinutes(123)));
    }
}
