package io.tandem.connect.harness;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;

/** The configuration of a test's distributed Connect worker, in this JVM or in a child process. */
final class WorkerProperties {

    private WorkerProperties() {
    }

    /**
     * A worker of group {@code groupId}, whose internal topics are named after the group, with its REST
     * listener on {@code restPort} of the loopback address (0: any free port).
     */
    static Map<String, String> distributed(String bootstrapServers, String groupId, int restPort) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", groupId);
        props.put("config.storage.topic", groupId + "-configs");
        props.put("offset.storage.topic", groupId + "-offsets");
        props.put("status.storage.topic", groupId + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", JsonConverter.class.getName());
        props.put("value.converter", JsonConverter.class.getName());
        props.put("key.converter.schemas.enable", "true");
        props.put("value.converter.schemas.enable", "true");
        // Source offsets are committed every second, not every minute: a killed worker re-sends less.
        props.put("offset.flush.interval.ms", "1000");
        // A worker that comes back gets its connectors and tasks at once, not after the default five
        // minutes that incremental cooperative rebalancing waits for a departed member.
        props.put("scheduled.rebalance.max.delay.ms", "0");
        // A killed worker leaves the group after 3 s instead of 10 s (the broker allows it: EmbeddedKafka).
        props.put("session.timeout.ms", "3000");
        props.put("heartbeat.interval.ms", "1000");
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("rest.advertised.host.name", "127.0.0.1");
        // Only the class path, and only through service manifests: scanning every class of the test
        // class path takes seconds, and every Debezium and Kafka plugin ships its manifest.
        props.put("plugin.discovery", "service_load");
        return props;
    }
}
