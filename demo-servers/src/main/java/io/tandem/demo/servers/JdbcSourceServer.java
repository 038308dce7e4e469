package io.tandem.demo.servers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL or MariaDB server reached over JDBC. Whoever started the server (or nobody, for an external
 * one) hands over its endpoint; this class detects the flavor and creates the engine account.
 */
public class JdbcSourceServer implements SourceServer {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceServer.class);

    private final Endpoint admin;
    private final Flavor flavor;
    private final String enginePassword;

    /** Connects to a running server, detects its flavor and prepares the engine account. */
    public static JdbcSourceServer connectTo(Endpoint admin) throws SQLException {
        Prepared prepared = prepare(admin);
        return new JdbcSourceServer(admin, prepared);
    }

    protected JdbcSourceServer(Endpoint admin, Prepared prepared) {
        this.admin = admin;
        this.flavor = prepared.flavor();
        this.enginePassword = prepared.enginePassword();
    }

    /** What {@link #prepare(Endpoint)} learned and created on the server. */
    protected record Prepared(Flavor flavor, String enginePassword) {
    }

    protected static Prepared prepare(Endpoint admin) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(admin, ""), admin.user(), admin.password());
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT VERSION()")) {
            version.next();
            String text = version.getString(1);
            Flavor flavor = Flavor.fromVersion(text);
            String enginePassword = EngineAccount.create(connection, flavor);
            LOG.info("Source server {} is {} {}; engine account '{}' ready", admin, flavor, text, EngineAccount.USER);
            return new Prepared(flavor, enginePassword);
        }
    }

    /**
     * MySQL 8 defaults to caching_sha2_password, whose first login over plain TCP needs the server's
     * RSA key; test servers run without TLS, so the driver may fetch it.
     */
    private static String url(Endpoint endpoint, String database) {
        return "jdbc:mariadb://" + endpoint.host() + ":" + endpoint.port() + "/" + database + "?allowPublicKeyRetrieval=true";
    }

    @Override
    public String host() {
        return admin.host();
    }

    @Override
    public int port() {
        return admin.port();
    }

    @Override
    public String adminUser() {
        return admin.user();
    }

    @Override
    public String adminPassword() {
        return admin.password();
    }

    @Override
    public Flavor flavor() {
        return flavor;
    }

    @Override
    public String engineUser() {
        return EngineAccount.USER;
    }

    @Override
    public String enginePassword() {
        return enginePassword;
    }

    @Override
    public String jdbcUrl(String database) {
        return url(admin, database);
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), admin.user(), admin.password());
    }

    @Override
    public String createDatabase(String prefix) throws SQLException {
        String name = UniqueNames.database(prefix);
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        return name;
    }

    @Override
    public void dropDatabase(String database) throws SQLException {
        execute("DROP DATABASE IF EXISTS `" + database.replace("`", "``") + "`");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public String toString() {
        return flavor + " " + admin;
    }
}
