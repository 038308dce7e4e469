package io.tandem.connect.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One KRaft node, broker and controller combined, started in this JVM by Kafka's own test kit
 * ({@code org.apache.kafka:kafka-test-common-runtime}): it formats a temporary log directory, starts the
 * controller and the broker, and deletes the directory on {@link #close()}. Every internal topic has one
 * replica, so a worker's and a consumer group's topics can be created on a single node.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaClusterTestKit cluster;
    private final Duration startup;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Duration startup) {
        this.cluster = cluster;
        this.startup = startup;
    }

    public static EmbeddedKafka start() throws Exception {
        long began = System.nanoTime();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", "1")
                // Lets a test's Connect worker declare itself dead after 3 s (WorkerProperties).
                .setConfigProp("group.min.session.timeout.ms", "1000")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            closeAfterFailure(cluster, e);
            throw e;
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - began);
        LOG.info("Kafka broker started in {} ms at {}", startup.toMillis(), cluster.bootstrapServers());
        return new EmbeddedKafka(cluster, startup);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** From the call to {@link #start()} until the broker answered as ready. */
    public Duration startup() {
        return startup;
    }

    /** A consumer of string keys and values in a group of its own, reading topics from their beginning. */
    public KafkaConsumer<String, String> consumer(List<String> topics) {
        Properties props = new Properties();
        props.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "tandem-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(topics);
        return consumer;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    private static void closeAfterFailure(KafkaClusterTestKit cluster, Throwable failure) {
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
