package io.tandem.connectors.mysql.stream;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ScratchStreamTest {

    @Test
    void dump() throws Exception {
        try (StreamHarness h = StreamHarness.create("scratch")) {
            h.execute("CREATE TABLE t (id INT PRIMARY KEY, b BOOL, e ENUM('a','it''s') NOT NULL, d DECIMAL(10,2) DEFAULT 1.5, "
                    + "u BIGINT UNSIGNED, s SET('x','y'), dt DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME, f FLOAT, r REAL, v VARCHAR(20) DEFAULT 'abc')");
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.debezium.connector.binlog.BinlogDatabaseSchema")).setLevel(ch.qos.logback.classic.Level.DEBUG);
            h.initializeStart(h.currentPosition());
            h.execute("INSERT INTO t (id, b, e) VALUES (1, 2, 'a')",
                    "CREATE TABLE n (id INT UNSIGNED PRIMARY KEY AUTO_INCREMENT, b BOOLEAN, e ENUM('a','it''s') NOT NULL, d DECIMAL(10,2) DEFAULT 1.5, "
                    + "u BIGINT UNSIGNED ZEROFILL, s SET('x','y'), dt DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME, f FLOAT(30), r REAL, v VARCHAR(20) DEFAULT 'abc', x INTEGER(11), dd DEC(5))",
                    "INSERT INTO n (b, e, r) VALUES (5, 'it''s', 0.1)",
                    "TRUNCATE TABLE t", "BEGIN", "INSERT INTO t (id, b, e) VALUES (2, 3, 'a')", "UPDATE t SET id = 3 WHERE id = 2", "DELETE FROM t", "COMMIT");
            String id = StateStoreRegistry.register(h.store);
            java.util.Properties p = DebeziumConfig.of(new StreamSettings(h.endpoint(), List.of(h.database), x -> true, List.of(),
                    ThreadLocalRandom.current().nextLong(1000, 100000), h.instance, 100, 1000, 0, Duration.ofSeconds(10)),
                    DebeziumConfig.StartMode.RECOVERY, id);
            DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(p).notifying((records, committer) -> {
                        for (RecordChangeEvent<SourceRecord> r : records) {
                            System.out.println("REC topic=" + r.record().topic() + " offset=" + r.record().sourceOffset()
                                    + " partition=" + r.record().sourcePartition() + "\n   value=" + r.record().value());
                            committer.markProcessed(r);
                        }
                        committer.markBatchFinished();
                    }).using((ok, msg, err) -> System.out.println("DONE " + ok + " " + msg + " " + err)).build();
            ExecutorService ex = Executors.newSingleThreadExecutor();
            ex.execute(engine);
            Thread.sleep(15000);
            try { engine.close(); } catch (IllegalStateException e) { System.out.println("close " + e); }
            ex.shutdown();
            System.out.println("HISTORY " + h.store.schemaHistory().size());
            h.store.schemaHistory().stream().filter(x -> x.contains("CREATE TABLE n")).forEach(s -> System.out.println("H " + s));
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.debezium.connector.binlog")).setLevel(ch.qos.logback.classic.Level.DEBUG);
        }
    }
}
