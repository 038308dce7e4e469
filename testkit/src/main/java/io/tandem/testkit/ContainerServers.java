package io.tandem.testkit;

import io.tandem.demo.servers.Endpoint;
import io.tandem.demo.servers.JdbcSourceServer;
import io.tandem.demo.servers.JdbcTargetServer;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.demo.servers.UniqueNames;
import java.sql.SQLException;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** {@code mysql:8.0} and {@code postgres:16} through Testcontainers, configured like the embedded servers. */
final class ContainerServers {

    /** A started server and what stops it. */
    record Owned<T>(T server, AutoCloseable stopper) {
    }

    private ContainerServers() {
    }

    static Owned<SourceServer> mysql() throws SQLException {
        MySQLContainer<?> container = new MySQLContainer<>(DockerImageName.parse("mysql:8.0"))
                .withUsername("root")
                .withPassword(UniqueNames.password())
                .withCommand("--log-bin", "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=1",
                        "--gtid-mode=ON", "--enforce-gtid-consistency=ON",
                        "--character-set-server=utf8mb4");
        container.start();
        try {
            Endpoint admin = new Endpoint(container.getHost(), container.getMappedPort(MySQLContainer.MYSQL_PORT),
                    container.getUsername(), container.getPassword());
            return new Owned<>(JdbcSourceServer.connectTo(admin), container::stop);
        } catch (SQLException | RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    static Owned<TargetServer> postgres() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16"))
                .withUsername("postgres")
                .withPassword(UniqueNames.password())
                .withDatabaseName("postgres")
                .withCommand("postgres", "-c", "fsync=off", "-c", "wal_level=logical",
                        "-c", "max_replication_slots=10", "-c", "max_wal_senders=10");
        container.start();
        Endpoint admin = new Endpoint(container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                container.getUsername(), container.getPassword());
        return new Owned<>(new JdbcTargetServer(admin, container.getDatabaseName()), container::stop);
    }
}
