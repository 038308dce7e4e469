package io.tandem.connectors.mysql.snapshot;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.TestSource;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.status.SnapshotProgressTracker;
import io.tandem.engine.transform.MySqlTableMapper;
import java.sql.Connection;
import io.tandem.engine.values.ValuePolicies;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Reads a test database's tables the way the pipeline does (schema reader, then the mapper) and copies them. */
final class SnapshotFixture {

    private SnapshotFixture() {
    }

    static List<SnapshotTable> tables(String database) throws SQLException {
        ServerInfo server = TestSource.serverInfo();
        List<SourceTable> sources;
        try (Connection connection = TestSource.engineConnections().open()) {
            sources = new SchemaReader(server).readTables(connection, List.of(database), (d, t) -> true);
        }
        MySqlTableMapper mapper = new MySqlTableMapper();
        return sources.stream().map(s -> new SnapshotTable(s, mapper.map(s))).toList();
    }

    static SnapshotCopier copier(CollectingTarget target, SnapshotProgressTracker progress, int parallelism)
            throws SQLException {
        return copier(target, progress, parallelism, ValuePolicies.DEFAULTS);
    }

    static SnapshotCopier copier(CollectingTarget target, SnapshotProgressTracker progress, int parallelism,
                                 ValuePolicies policies) throws SQLException {
        return new SnapshotCopier(TestSource.engineConnections(), TestSource.serverInfo(), target, progress,
                new SnapshotSettings(parallelism, 4096, SnapshotSettings.DEFAULT_LOCK_WAIT, policies));
    }

    static SnapshotProgressTracker tracker() {
        return new SnapshotProgressTracker(Clock.systemUTC());
    }
}
