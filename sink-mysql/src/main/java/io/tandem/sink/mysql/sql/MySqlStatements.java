package io.tandem.sink.mysql.sql;

import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each table's {@link MySqlTableSql}, built on first use from the table's real MySQL definition (read with the
 * {@link SchemaReader}) and kept while the change rows' definition stays the same. A schema change applied to
 * MySQL calls {@link #forget} so the next use reads the table again.
 */
public final class MySqlStatements {

    private final ServerInfo server;
    private final SchemaReader reader;
    private final Map<TableId, MySqlTableSql> byTable = new ConcurrentHashMap<>();

    public MySqlStatements(ServerInfo server) {
        this.server = server;
        this.reader = new SchemaReader(server);
    }

    /** The statements for {@code table}, reading its MySQL definition on {@code connection} when not known yet. */
    public MySqlTableSql of(Connection connection, TargetTable table) throws SQLException {
        MySqlTableSql known = byTable.get(table.source());
        if (known != null && known.table().equals(table)) {
            return known;
        }
        MySqlTableSql sql = MySqlTableSql.of(table, read(connection, table.source()), server);
        byTable.put(table.source(), sql);
        return sql;
    }

    public void forget(TableId table) {
        byTable.remove(table);
    }

    private SourceTable read(Connection connection, TableId id) throws SQLException {
        List<SourceTable> tables = reader.readTables(connection, List.of(id.database()),
                (database, table) -> table.equals(id.table()));
        if (tables.isEmpty()) {
            throw new IllegalStateException("MySQL has no table " + id + " to apply changes to");
        }
        return tables.get(0);
    }
}
