package io.tandem.connectors.mysql.schema;

import io.tandem.testkit.SourceServer;
import io.tandem.testkit.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ScratchExploreTest {

    static void dump(Statement st, String sql) throws Exception {
        System.out.println("== " + sql);
        try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(md.getColumnLabel(i)).append("=[").append(rs.getString(i)).append("] ");
                }
                System.out.println(b);
            }
        }
    }

    @Test
    void explore() throws Exception {
        SourceServer server = TestServers.source();
        String db = server.createDatabase("scratch");
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id int primary key, "
                    + "e enum('a','it''s','b\\\\c','', 'x,y') default 'it''s', "
                    + "s varchar(20) default 'a''b\\\\c\\nd', n int default 5, nn varchar(3) null, "
                    + "d date default '2024-01-01', ts timestamp(6) default current_timestamp(6), "
                    + "b bit(3) default b'101', bi binary(4) default 'ab', y year default 2024, "
                    + "f float default 0.1, g int as (n+1) virtual, g2 int as (n+2) stored, "
                    + "u uuid default uuid(), j json)");
            dump(st, "SELECT COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='" + db + "'");
            st.execute("CREATE TABLE fl (f float, d double)");
            st.execute("INSERT INTO fl VALUES (0.1, 0.1), (3.4028234663852886e38, 1.7976931348623157e308), (1.17549435e-38, 4.9e-324), (16777217, 0.30000000000000004), (123456789, 2.2250738585072014e-308), (1.4e-45, -0.0)");
            dump(st, "SELECT f, f * 1e0, CAST(f AS DOUBLE), d FROM fl");
            dump(st, "SHOW GRANTS");
            dump(st, "SELECT CURRENT_USER(), VERSION(), @@version_comment");
            dump(st, "SHOW SESSION STATUS LIKE 'binlog_snapshot_%'");
            dump(st, "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin','binlog_format','binlog_row_image','binlog_legacy_event_pos','log_bin_compress','binlog_expire_logs_seconds','expire_logs_days', 'character_set_results')");
            dump(st, "SELECT BINLOG_GTID_POS('mysql-bin.000001', 4)");
            dump(st, "SHOW MASTER STATUS");
            dump(st, "SELECT @@session.time_zone, @@character_set_results, @@character_set_client");
        }
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            dump(st, "SELECT User, Host FROM mysql.global_priv");
        }
        System.out.println("engine " + server.engineUser() + " " + server.enginePassword() + " url " + server.jdbcUrl(db));
        String user = server.engineUser();
        try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(db), user, server.enginePassword()); Statement st = c.createStatement()) {
            dump(st, "SHOW GRANTS");
            dump(st, "SELECT CURRENT_USER()");
        }
        try (Connection c = server.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE IF NOT EXISTS scratch_role");
            st.execute("GRANT SELECT ON `" + db + "`.* TO scratch_role");
            st.execute("CREATE USER IF NOT EXISTS 'scratchu'@'%' IDENTIFIED BY 'pw'");
            st.execute("GRANT scratch_role TO 'scratchu'@'%'");
            st.execute("SET DEFAULT ROLE scratch_role FOR 'scratchu'@'%'");
        }
        try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(db), "scratchu", "pw"); Statement st = c.createStatement()) {
            dump(st, "SHOW GRANTS");
            dump(st, "SELECT CURRENT_ROLE()");
        }
    }
}
