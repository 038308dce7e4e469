package io.tandem.sink.mysql.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small pool of {@link MySqlSession} connections for the reverse sink: it applies one batch at a time, but
 * opening a MySQL connection per batch would cost more than many batches. Every pooled connection got the session
 * settings when it was opened; Hikari keeps auto-commit off on return.
 */
public final class MySqlSessionPool {

    private MySqlSessionPool() {
    }

    public static HikariDataSource open(SourceEndpoint endpoint, String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(new SessionSource(endpoint));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setAutoCommit(false);
        // Fail at the first batch with the server's reason rather than at construction.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** Opens each connection through {@link MySqlSession#open}; the pool asks for nothing else. */
    private record SessionSource(SourceEndpoint endpoint) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return MySqlSession.open(endpoint);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the reverse sink logs in as the configured source user");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
