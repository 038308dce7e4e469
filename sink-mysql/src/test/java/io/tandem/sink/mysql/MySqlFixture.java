package io.tandem.sink.mysql;

import io.tandem.connectors.mysql.jdbc.Flavor;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceConnections;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.connectors.mysql.schema.SchemaReader;
import io.tandem.demo.servers.SourceServer;
import io.tandem.engine.config.Secret;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.mysql.apply.MySqlTableWriter;
import io.tandem.sink.mysql.sql.MySqlSession;
import io.tandem.sink.mysql.sql.MySqlStatements;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared test MySQL server seen through the reverse sink's own session, tables mapped the way the forward
 * direction maps them (so change rows are aligned as in production), and helpers that set up and read tables.
 */
public final class MySqlFixture {

    private MySqlFixture() {
    }

    public static SourceServer server() {
        return TestServers.source();
    }

    public static SourceEndpoint endpoint() {
        SourceServer server = server();
        Flavor flavor = server.flavor() == io.tandem.demo.servers.Flavor.MARIADB ? Flavor.MARIADB : Flavor.MYSQL;
        return new SourceEndpoint(flavor, server.host(), server.port(), server.adminUser(),
                Secret.of(server.adminPassword()));
    }

    public static SourceConnections connections() {
        return new SourceConnections(endpoint());
    }

    public static ServerInfo serverInfo() throws SQLException {
        return connections().serverInfo();
    }

    /** A sink session: strict sql_mode, UTC, autocommit off. */
    public static Connection session() throws SQLException {
        return MySqlSession.open(endpoint());
    }

    /** Runs statements as admin in a lax session (zero dates allowed), for setting up tables. */
    public static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = server().connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00', SESSION sql_mode = ''");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The table as the forward direction maps it: what change rows for it are aligned with. */
    public static TargetTable mapped(TableId table) throws SQLException {
        return new MySqlTableMapper().map(read(table));
    }

    public static SourceTable read(TableId table) throws SQLException {
        try (Connection connection = connections().open()) {
            return new SchemaReader(serverInfo()).readTables(connection, List.of(table.database()),
                    (d, t) -> t.equals(table.table())).get(0);
        }
    }

    /** The same definition, pointing at another MySQL table (an empty copy of the original). */
    public static TargetTable retarget(TargetTable table, TableId other) {
        return new TargetTable(other, table.schema(), table.name(), table.columns(), table.primaryKey(),
                table.indexes(), table.notes());
    }

    public static MySqlTableWriter writer(Connection session, TargetTable table) throws SQLException {
        return new MySqlTableWriter(session, new MySqlStatements(serverInfo()).of(session, table));
    }

    /** Every row of a query's first column, as text. */
    public static List<String> column(String database, String query) throws SQLException {
        try (Connection connection = server().connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
