package io.tandem.bench;

import io.tandem.cutover.verify.Verification;
import io.tandem.cutover.verify.VerifyListener;
import io.tandem.cutover.verify.VerifyResult;
import io.tandem.cutover.verify.VerifySetup;
import io.tandem.demo.servers.SourceServer;
import io.tandem.demo.servers.TargetServer;
import io.tandem.deploy.demo.ServersConfig;
import io.tandem.deploy.replication.Daemon;
import io.tandem.engine.config.TandemConfig;
import io.tandem.testkit.TestServers;
import java.sql.Connection;

/**
 * Measures online verification rows/s on sysbench-shaped tables ({@code id INT PRIMARY KEY, k INT, c CHAR(120),
 * pad CHAR(60)}): the tables are replicated by tandem (snapshot), then verified while replication runs idle.
 * Arguments: {@code [tables] [rows per table] [chunk rows] [passes]}, default {@code 2 200000 10000 2}.
 */
public final class VerifyBench {

    private static final String DATABASE = "sbverify";

    public static void main(String[] args) throws Exception {
        int tables = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int chunkRows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int passes = args.length > 3 ? Integer.parseInt(args[3]) : 2;

        TestServers.Pair servers = TestServers.both();
        SourceServer source = servers.source();
        TargetServer target = servers.target();
        String sourceDatabase = source.createDatabase(DATABASE);
        try (Connection connection = source.connect(sourceDatabase)) {
            SysbenchTables.create(connection, tables, rows);
        }
        String targetDatabase = target.createDatabase(DATABASE);
        TandemConfig config = ServersConfig.builder("tandem-verify-bench", source, sourceDatabase, target,
                targetDatabase).set("verify.chunk-rows", chunkRows).build();
        try (Daemon daemon = Daemon.start(config, line -> { }, 60_000)) {
            System.out.printf("replicated %d x %,d rows%n", tables, rows);
            for (int pass = 1; pass <= passes; pass++) {
                try (VerifySetup setup = VerifySetup.open(config)) {
                    VerifyResult result = new Verification(setup, VerifyListener.NONE).run();
                    System.out.printf("VERIFY pass %d: %s%n", pass, result.summary());
                }
            }
        }
        System.exit(0);
    }
}
