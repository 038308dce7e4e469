package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.transform.NameCase;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TandemConfigTest {
    private static final Map<String, String> ENV = Map.of(
            "TANDEM_SOURCE_PASSWORD", "mysql-s3cret", "TANDEM_CONTROL_TOKEN", "token-s3cret-0123456789");

    static Path fullYml() throws URISyntaxException {
        return Path.of(TandemConfigTest.class.getResource("/config/full.yml").toURI());
    }

    @Test
    void loadsEveryKeyOfTheFullExample() throws Exception {
        TandemConfig config = new ConfigLoader(ENV::get).load(fullYml());

        assertEquals("shop-migration", config.name());
        SourceConfig source = config.source();
        assertEquals(new SourceConfig("mysql.internal", 3307, "tandem", Optional.of(Secret.of("mysql-s3cret")),
                SourceConfig.Flavor.MYSQL, List.of("shop", "billing"), source.tables(), 6001,
                SourceConfig.SslMode.VERIFY_CA, "tandem"), source);
        assertTrue(source.tables().includes("shop", "orders"));
        assertFalse(source.tables().includes("shop", "tmp_orders"));
        assertTrue(source.tables().includes("billing", "invoice_1"));
        assertFalse(source.tables().includes("billing", "invoice_12"));

        TargetConfig target = config.target();
        assertEquals("jdbc:postgresql://pg.internal:5433/app?sslmode=verify-full", target.jdbcUrl());
        assertEquals("app", target.database());
        assertEquals("tandem", target.user());
        assertEquals("pg-s3cret-from-file", target.password().orElseThrow().reveal());
        assertEquals(TargetConfig.SslMode.VERIFY_FULL, target.sslMode());

        assertEquals(new SnapshotConfig(4, 5000), config.snapshot());
        assertEquals(new ApplyConfig(20_000, 32L << 20, 1L << 30, Duration.ofSeconds(1)), config.apply());
        assertEquals(new ErrorsConfig(ErrorsConfig.BadRowPolicy.DEAD_LETTER), config.errors());
        assertEquals(new NamesConfig(NameCase.KEEP), config.names());
        assertEquals(new DdlConfig(DdlConfig.UnsupportedDdlPolicy.SKIP), config.ddl());
        assertEquals(new RetryConfig(10, Duration.ofMillis(250), Duration.ofMinutes(2)), config.retry());
        assertEquals("0.0.0.0", config.control().host());
        assertEquals(9090, config.control().port());
        assertTrue(config.control().token().orElseThrow().matches("token-s3cret-0123456789"));
        assertFalse(config.control().isLoopback());
    }

    @Test
    void appliesDefaults() {
        TandemConfig config = parse(MINIMAL);

        assertEquals("tandem", config.name());
        SourceConfig source = config.source();
        assertEquals(3306, source.port());
        assertEquals(Optional.empty(), source.password());
        assertEquals(SourceConfig.Flavor.AUTO, source.flavor());
        assertEquals(SourceConfig.SslMode.DISABLE, source.sslMode());
        assertEquals(SourceConfig.defaultServerId("tandem"), source.serverId());
        assertTrue(source.tables().include().isEmpty());
        assertTrue(source.tables().includes("shop", "anything"));
        assertFalse(source.tables().includes("other", "anything"));

        assertEquals("jdbc:postgresql://pg.internal:5432/app?sslmode=prefer", config.target().jdbcUrl());
        assertEquals(TargetConfig.SslMode.PREFER, config.target().sslMode());
        assertEquals(new SnapshotConfig(2, 10_000), config.snapshot());
        assertEquals(new ApplyConfig(10_000, 64L << 20, 128L << 20, Duration.ofMillis(200)), config.apply());
        assertEquals(ErrorsConfig.BadRowPolicy.FAIL, config.errors().onBadRow());
        assertEquals(NameCase.LOWER, config.names().nameCase());
        assertEquals(DdlConfig.UnsupportedDdlPolicy.RESYNC, config.ddl().onUnsupported());
        assertEquals(new RetryConfig(0, Duration.ofMillis(500), Duration.ofSeconds(30)), config.retry());
        assertTrue(config.retry().retriesForever());
        assertEquals(new ControlConfig("127.0.0.1", 8080, Optional.empty()), config.control());
        assertTrue(config.control().isLoopback());
        assertEquals("tandem", source.controlDatabase());
        assertEquals(new LagConfig(Duration.ofMillis(200)), config.lag());
    }

    @Test
    void derivedServerIdIsStableAndInRange() {
        long id = SourceConfig.defaultServerId("shop-migration");
        assertEquals(id, SourceConfig.defaultServerId("shop-migration"));
        assertTrue(id >= 5400 && id < 6400, "got " + id);
        TandemConfig named = parse("name: shop-migration\n" + MINIMAL);
        assertEquals(id, named.source().serverId());
    }

    @Test
    void targetUrlFormKeepsPropertiesAndAddsSslMode() {
        TandemConfig config = parse(MINIMAL.replace("  host: pg.internal\n  database: app\n",
                "  url: jdbc:postgresql://pg1:5432,pg2:5432/app?targetServerType=primary\n  ssl-mode: require\n"));
        assertEquals("jdbc:postgresql://pg1:5432,pg2:5432/app?targetServerType=primary&sslmode=require",
                config.target().jdbcUrl());
        assertEquals("app", config.target().database());
    }

    @Test
    void controlListenAcceptsPortZeroAndIpv6Loopback() {
        ControlConfig control = parse(MINIMAL + "control:\n  listen: \"[::1]:0\"\n").control();
        assertEquals("::1", control.host());
        assertEquals(0, control.port());
        assertTrue(control.isLoopback());
        assertTrue(parse(MINIMAL + "control:\n  listen: localhost:8081\n").control().isLoopback());
    }

    @Test
    void describeMaskedShowsSettingsButNoSecret() throws Exception {
        TandemConfig config = new ConfigLoader(ENV::get).load(fullYml());
        String description = config.describeMasked();

        assertTrue(description.contains("name: shop-migration"), description);
        assertTrue(description.contains("  batch-max-rows: 20000"), description);
        assertTrue(description.contains("  max-batch-wait: 1s"), description);
        assertTrue(description.contains("  password: ****"), description);
        assertTrue(description.contains("  token: ****"), description);
        assertTrue(description.contains("  jdbc-url: jdbc:postgresql://pg.internal:5433/app?sslmode=verify-full"), description);
        for (String text : List.of(description, config.toString(), config.source().toString(), config.control().toString())) {
            assertFalse(text.contains("mysql-s3cret"), text);
            assertFalse(text.contains("pg-s3cret-from-file"), text);
            assertFalse(text.contains("token-s3cret"), text);
        }
    }
}
