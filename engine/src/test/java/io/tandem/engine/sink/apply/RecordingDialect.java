package io.tandem.engine.sink.apply;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.PolicyApplied;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.change.SwapInCopy;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.sink.SinkException;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SinkDialect} that runs no statement: it appends each call to the log its {@link RecordingWriter}s
 * append to, so a test sees rows and schema changes in the order the applier issues them. Ignores the connection.
 * The offset it "stores" is kept as soon as it is written, as if every commit succeeded; a data error is one with
 * an SQLSTATE of class 22.
 */
final class RecordingDialect implements SinkDialect {

    private final List<String> log;
    private final Map<TargetTable, RecordingWriter> writers = new HashMap<>();
    private SourcePosition offset;

    RecordingDialect(List<String> log) {
        this.log = log;
    }

    /** The writer the dialect hands out for {@code table}, to tell it about rows the target lacks or refuses. */
    RecordingWriter writerOf(TargetTable table) {
        return writers.computeIfAbsent(table, t -> new RecordingWriter(t, log));
    }

    @Override
    public String databaseName() {
        return "recording";
    }

    @Override
    public TableWriter writer(Connection connection, TargetTable table) {
        log.add("writer " + table.name() + " " + table.columns().size() + " columns");
        return writerOf(table);
    }

    @Override
    public void truncateTable(Connection connection, TargetTable table) {
        log.add("truncate " + table.name());
    }

    @Override
    public void createTable(Connection connection, TargetTable table) {
        log.add("create " + table.name());
    }

    @Override
    public void alterTable(Connection connection, AlterTable change) {
        log.add("alter " + change.before().name());
    }

    @Override
    public void renameTable(Connection connection, RenameTable change) {
        log.add("rename " + change.before().name() + " " + change.after().name());
    }

    @Override
    public void dropTable(Connection connection, TargetTable table) {
        log.add("drop " + table.name());
    }

    @Override
    public void storeDefinition(Connection connection, TargetTable table) {
        log.add("store definition " + table.name());
    }

    @Override
    public void forgetDefinition(Connection connection, TargetTable table) {
        log.add("forget definition " + table.name());
    }

    @Override
    public void swapInCopy(Connection connection, SwapInCopy swap) {
        log.add("swap in copy of " + swap.copied().source());
    }

    @Override
    public void recordSkipped(Connection connection, SkippedSchemaChange skipped) {
        log.add("skipped " + skipped.statement());
    }

    @Override
    public void recordDeadLetter(Connection connection, PolicyApplied refused) {
        log.add("dead letter " + refused.rowKey());
    }

    @Override
    public void recordDeadLetter(Connection connection, RowChange change, Map<String, String> rowKey,
                                 SQLException cause) {
        log.add("dead letter " + rowKey);
    }

    @Override
    public void writeHeartbeat(Connection connection, Heartbeat heartbeat) {
        log.add("heartbeat " + heartbeat.seq());
    }

    @Override
    public void writeFence(Connection connection, FenceToken fence) {
        log.add("fence " + fence.token());
    }

    @Override
    public void writeOffset(Connection connection, SourcePosition position) {
        log.add("offset " + position.description());
        offset = position;
    }

    @Override
    public boolean isOffsetStored(Connection connection, SourcePosition position) {
        log.add("read offset");
        return position.equals(offset);
    }

    @Override
    public boolean isDataError(SQLException failure) {
        return failure.getSQLState() != null && failure.getSQLState().startsWith("22");
    }

    @Override
    public SinkException failure(String operation, String table, String position, Throwable failure) {
        return new SinkException(operation + " failed", false, failure);
    }
}
