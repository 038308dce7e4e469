package io.tandem.deploy.it.cutover;

import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.deploy.it.SourceFixture;
import io.tandem.sink.mysql.state.ReverseOffsetTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches, for as long as it runs, that the reverse slot never confirms past what MySQL committed: the slot's
 * {@code confirmed_flush_lsn} is at most the commit LSN stored in MySQL's {@code reverse_offset}, else WAL that MySQL
 * does not hold would be released. Each sample reads the slot first and the stored offset second; the stored offset
 * only grows, so a confirmed LSN above it was above it at the moment it was read. A sample that fails (a server
 * being restarted) is skipped.
 */
final class ReverseSlotWatch implements AutoCloseable {

    private final CutoverFixture fixture;
    private final Map<String, String> partition;
    private final ReverseOffsetTable offsets = new ReverseOffsetTable(new ControlTables(SourceFixture.CONTROL_DATABASE));
    private final Thread thread;
    private final List<String> violations = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long samples;
    private volatile long firstConfirmed = -1;
    private volatile long lastConfirmed = -1;

    /** @param instanceName the daemon's {@code name}: the stored offset's partition is {@code <name>-reverse} */
    ReverseSlotWatch(CutoverFixture fixture, String instanceName) {
        this.fixture = fixture;
        this.partition = Map.of("server", instanceName + "-reverse");
        this.thread = new Thread(this::run, "reverse-slot-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stopping) {
            try {
                Optional<Long> confirmed = confirmedFlushLsn();
                Optional<Long> stored = storedCommitLsn();
                if (confirmed.isPresent() && stored.isPresent()) {
                    if (confirmed.get() > stored.get()) {
                        synchronized (violations) {
                            violations.add("slot confirmed " + text(confirmed.get()) + ", MySQL holds "
                                    + text(stored.get()));
                        }
                    }
                    samples++;
                    if (firstConfirmed < 0) {
                        firstConfirmed = confirmed.get();
                    }
                    lastConfirmed = confirmed.get();
                }
            } catch (SQLException e) {
                // A server is down or restarting: nothing can be said about this instant.
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private Optional<Long> confirmedFlushLsn() throws SQLException {
        try (Connection postgres = fixture.targetAdmin();
             PreparedStatement select = postgres.prepareStatement("SELECT confirmed_flush_lsn::text"
                     + " FROM pg_replication_slots WHERE database = current_database() AND slot_type = 'logical'");
             ResultSet row = select.executeQuery()) {
            return row.next() && row.getString(1) != null ? Optional.of(number(row.getString(1))) : Optional.empty();
        }
    }

    /** The commit LSN of the last transaction applied to MySQL ({@code lsn} before any transaction end). */
    private Optional<Long> storedCommitLsn() throws SQLException {
        try (Connection mysql = fixture.sourceAdmin()) {
            return offsets.read(mysql, partition).map(offset -> {
                Object lsn = offset.containsKey("lsn_commit") ? offset.get("lsn_commit") : offset.get("lsn");
                return ((Number) lsn).longValue();
            });
        }
    }

    /** {@code 16/B374D848} as a number. */
    private static long number(String lsn) {
        int slash = lsn.indexOf('/');
        return Long.parseLong(lsn.substring(0, slash), 16) << 32 | Long.parseLong(lsn.substring(slash + 1), 16);
    }

    private static String text(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Samples in which both the slot and a stored offset were read. */
    long samples() {
        return samples;
    }

    /** Whether the slot confirmed more between the first sample and the last: the watch saw it move. */
    boolean sawTheSlotMove() {
        return lastConfirmed > firstConfirmed;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
    }
}
