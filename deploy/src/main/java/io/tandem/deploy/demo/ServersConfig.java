package io.tandem.deploy.demo;

import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.engine.config.ConfigBuilder;
import io.tandem.engine.config.Secret;
import io.tandem.engine.config.TandemConfig;
import java.util.List;

/** A tandem config for servers started in-process (the demo, benchmarks): their endpoints, a free control port. */
public final class ServersConfig {

    private ServersConfig() {
    }

    public static TandemConfig of(String name, SourceServer source, String sourceDatabase, TargetServer target,
                                  String targetDatabase) {
        return builder(name, source, sourceDatabase, target, targetDatabase).build();
    }

    /** The same settings, for callers that set more keys before building. */
    public static ConfigBuilder builder(String name, SourceServer source, String sourceDatabase, TargetServer target,
                                        String targetDatabase) {
        return TandemConfig.builder()
                .set("name", name)
                .set("source.host", source.host())
                .set("source.port", source.port())
                .set("source.user", source.engineUser())
                .set("source.password", Secret.of(source.enginePassword()))
                .set("source.databases", List.of(sourceDatabase))
                .set("target.host", target.host())
                .set("target.port", target.port())
                .set("target.database", targetDatabase)
                .set("target.user", target.adminUser())
                .set("target.password", Secret.of(target.adminPassword()))
                .set("target.ssl-mode", "disable")
                .set("control.listen", "127.0.0.1:0");
    }
}
