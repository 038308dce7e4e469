package io.tandem.deploy.it.page;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.connectors.mysql.resync.ResyncStatus;
import io.tandem.connectors.postgres.stream.RogueWrite;
import io.tandem.cutover.CutoverReport;
import io.tandem.cutover.CutoverState;
import io.tandem.cutover.Direction;
import io.tandem.cutover.GateCheck;
import io.tandem.cutover.StepRecord;
import io.tandem.cutover.control.CutoverRoutes;
import io.tandem.deploy.replication.ReverseStatus;
import io.tandem.engine.control.ControlServer;
import io.tandem.engine.control.PipelineControl;
import io.tandem.engine.control.PipelineRoutes;
import io.tandem.engine.control.StatusSections;
import io.tandem.engine.metrics.MetricRegistry;
import io.tandem.engine.model.TableId;
import io.tandem.engine.status.PipelineStatus;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status page in headless Chromium, fed canned sections: the way back panel (slot blockers while the slot is
 * being created; mode, retained WAL alarm, rogue writes and findings while streaming) and the cutover panel naming
 * the latest attempt's direction and the next switch; the resync panel, hidden while no table was copied again.
 * The daemon's own page is checked by {@code CutoverTest} and
 * {@code WayBackPageTest}.
 */
class StatusPageTest {

    private final AtomicReference<ReverseStatus> failback = new AtomicReference<>();
    private final AtomicReference<CutoverReport> cutover = new AtomicReference<>();
    private final AtomicReference<List<ResyncStatus>> resyncs = new AtomicReference<>(List.of());
    private final AtomicReference<CutoverRoutes.Position> position = new AtomicReference<>(
            new CutoverRoutes.Position(Direction.Primary.MYSQL, Direction.CUTOVER));
    private ControlServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whileTheSlotIsBeingCreatedThePageNamesTheTransactionsItWaitsFor() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        failback.set(new ReverseStatus(true, "ARMING", null, "SHADOW", "NEW", null, "CREATING",
                List.of("pid 4242 (xid 771, running 12 s)"), null, false, null, 0, 0, List.of(), null, null, 0,
                List.of("WARN max_slot_wal_keep_size: max_slot_wal_keep_size = -1: a stalled slot retains WAL")));
        cutover.set(new CutoverReport(null, Direction.CUTOVER, null, null, null, null, null, List.of(), null,
                List.of(GateCheck.Result.fail("way back", "the reverse slot is still being created")), false));

        String dom = chromium.renderedDom(start(), 3000);

        for (String shown : List.of("way back (PostgreSQL to MySQL)", "ARMING", "slot creation waits for",
                "pid 4242 (xid 771, running 12 s)", "CREATING", "WARN max_slot_wal_keep_size", "cutover readiness",
                "cutover not ready", "no cutover or failback attempted yet", "the application’s database: MySQL")) {
            assertTrue(dom.contains(shown), shown + " on the status page:\n" + dom);
        }
    }

    @Test
    void afterACutoverTheWayBackAppliesAndThePageShowsRogueWritesTheWalAlarmAndTheFailbackReadiness()
            throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        RogueWrite first = new RogueWrite("shop.orders", "update", "0/16B3748", Instant.parse("2026-01-01T00:00:00Z"));
        RogueWrite second = new RogueWrite("shop.customers", "delete", "0/16B9000", null);
        failback.set(new ReverseStatus(true, "STREAMING", null, "APPLY", "STREAMING", "lsn 0/17000A0", "READY",
                List.of(), 9L << 30, true, "0/17000A0", 1234, 2, List.of(first, second), 0.42, 0.8, 0, List.of()));
        cutover.set(new CutoverReport(3L, Direction.CUTOVER, CutoverState.COMPLETED, Instant.now(), "t-3", "bin.7:99",
                null, List.of(new StepRecord("freeze", 12.5, "source read-only")), 350.0,
                List.of(GateCheck.Result.pass("reverse lag", "0.42 s below failback.max-lag")), false));
        position.set(new CutoverRoutes.Position(Direction.Primary.POSTGRES, Direction.FAILBACK));

        String dom = chromium.renderedDom(start(), 3000);

        for (String shown : List.of("STREAMING, APPLY", "APPLY: PostgreSQL’s writes are applied to MySQL",
                "9.0 GiB – above failback.max-retained-wal", "shop.orders", "0/16B3748", "shop.customers", "delete",
                "1,234", "0.42 s", "failback readiness", "failback ready", "attempt 3 (cutover): COMPLETED",
                "write-unavailable window 350.0 ms", "the application’s database: PostgreSQL")) {
            assertTrue(dom.contains(shown), shown + " on the status page:\n" + dom);
        }
        assertTrue(dom.indexOf("shop.customers") < dom.indexOf("shop.orders"), "latest rogue write first");
    }

    @Test
    void withoutFailbackThePageSaysTheCutoverIsOneWay() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        cutover.set(new CutoverReport(null, Direction.CUTOVER, null, null, null, null, null, List.of(), null,
                List.of(), false));

        String dom = chromium.renderedDom(start(), 3000);

        assertTrue(dom.contains("not enabled (failback.enabled: false): the cutover is one-way"), dom);
        assertFalse(dom.contains("<td>mode</td>"), "no way back facts:\n" + dom);
        assertTrue(dom.contains("<section id=\"resync-panel\" hidden"), "no resync panel without resyncs:\n" + dom);
    }

    @Test
    void theResyncPanelShowsEachUnfinishedCopyWhetherTheStreamWaitsAndTheFinishedOnes() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Instant requested = Instant.parse("2026-01-01T10:00:00Z");
        resyncs.set(List.of(
                new ResyncStatus(7, new TableId("shop", "orders"), "ALTER TABLE orders MODIFY price DECIMAL(6,1): "
                        + "a lossy type change", "copying", requested, "mysql-bin.000003:4711", 1234, 5000,
                        Instant.now().minusSeconds(3), null),
                new ResyncStatus(8, new TableId("shop", "odd.name"), "requested by an operator", "waiting", requested,
                        null, 0, 0, null, null),
                new ResyncStatus(5, new TableId("shop", "events"), "requested by an operator", "swapped", requested,
                        "mysql-bin.000003:100", 4000, 4000, null, null)));
        cutover.set(new CutoverReport(null, Direction.CUTOVER, null, null, null, null, null, List.of(), null,
                List.of(), false));

        String dom = chromium.renderedDom(start(), 3000);

        assertFalse(dom.contains("<section id=\"resync-panel\" hidden"), "the panel is shown:\n" + dom);
        for (String shown : List.of("tables being copied again (resync)", "shop.orders", "copying", "1,234 / ~5,000",
                "mysql-bin.000003:4711", "held since", "the stream waits for a copy", "a lossy type change",
                "shop.odd.name", "not taken yet", "0 / \u2013", "finished resyncs, latest first", "shop.events",
                "swapped in", "4,000")) {
            assertTrue(dom.contains(shown), shown + " on the status page:\n" + dom);
        }
    }

    private String start() throws Exception {
        server = new ControlServer(new InetSocketAddress("127.0.0.1", 0), null);
        StatusSections sections = new StatusSections();
        PipelineRoutes.register(server, StatusPageTest::pipeline, new MetricRegistry(), new NoControl(), sections);
        sections.add("cutover", cutover::get);
        sections.add("switch", position::get);
        sections.add("resync", resyncs::get);
        if (failback.get() != null) {
            sections.add("failback", failback::get);
        }
        server.start();
        return "http://127.0.0.1:" + server.address().getPort() + "/";
    }

    private static PipelineStatus pipeline() {
        return new PipelineStatus("STREAMING", Instant.parse("2026-01-01T10:00:00Z"), List.of(), "mysql-bin.000003:4711",
                10.0, 0.2, 1000, 0, 0, null, List.of(), 0.2, 0.3, 1L, List.of(), 0.0);
    }

    private static final class NoControl implements PipelineControl {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    }
}
