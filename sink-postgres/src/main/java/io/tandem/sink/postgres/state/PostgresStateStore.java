package io.tandem.sink.postgres.state;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.sink.StateStore;
import io.tandem.engine.transform.TargetTable;
import io.tandem.engine.sink.apply.FailedStatement;
import io.tandem.sink.postgres.error.SinkFailures;
import io.tandem.sink.postgres.sql.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The daemon's durable state in the target database, each call its own short transaction. */
public final class PostgresStateStore implements StateStore {

    private final DataSource pool;

    public PostgresStateStore(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Optional<Map<String, Object>> committedOffset(Map<String, ?> partition) {
        return run("read offset", TandemSchema.OFFSETS, c -> OffsetTable.read(c, partition));
    }

    @Override
    public void initializeOffset(Map<String, ?> partition, Map<String, ?> offset) {
        boolean inserted = run("initialize offset", TandemSchema.OFFSETS,
                c -> OffsetTable.insertIfAbsent(c, partition, offset));
        if (!inserted) {
            // Overwriting would move the resume point away from what the target holds: rows lost or doubled.
            throw new IllegalStateException("an offset is already stored for source partition "
                    + CanonicalJson.write(partition) + "; it is only moved by applied batches");
        }
    }

    /**
     * Moves the stored offset of forward replication to where a failback leaves MySQL: frozen, holding everything
     * PostgreSQL committed, its log end past the reverse stream's writes. Forward replication, stopped since the
     * cutover, resumes there without a new snapshot. Nothing else may move an offset outside a batch.
     */
    public void resumeForwardFrom(Map<String, ?> partition, Map<String, ?> offset, String description) {
        run("move offset for failback", TandemSchema.OFFSETS, c -> {
            OffsetTable.write(c, new SourcePosition(partition, offset, description));
            return null;
        });
    }

    @Override
    public List<String> schemaHistory() {
        return run("read schema history", TandemSchema.SCHEMA_HISTORY, c -> {
            List<String> records = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT record FROM " + TandemSchema.SCHEMA_HISTORY + " ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(rows.getString(1));
                }
            }
            return records;
        });
    }

    @Override
    public void appendSchemaHistory(String record) {
        run("append schema history", TandemSchema.SCHEMA_HISTORY, c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO " + TandemSchema.SCHEMA_HISTORY + " (record) VALUES (?)")) {
                insert.setString(1, record);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean schemaHistoryExists() {
        return run("read schema history", TandemSchema.SCHEMA_HISTORY, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM " + TandemSchema.SCHEMA_HISTORY + ")");
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        });
    }

    @Override
    public Map<TableId, TargetTable> tableDefinitions() {
        return run("read table definitions", TandemSchema.TABLES, TableDefinitions::readAll);
    }

    private <T> T run(String operation, String table, Transactions.Work<T> work) {
        try {
            return Transactions.run(pool, work);
        } catch (SQLException e) {
            throw SinkFailures.of(operation, table, null, e);
        } catch (FailedStatement e) {
            throw SinkFailures.of(e, null);
        }
    }
}
