package io.tandem.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * tandem's PostgreSQL sink on a Kafka Connect cluster: applies the change events Debezium's MySQL and MariaDB
 * source connectors write to Kafka with the daemon's type mapping, value policies and apply code, exactly once
 * (see {@link TandemSinkTask}). Every task gets the same settings; Connect spreads the topic-partitions over them.
 */
public final class TandemSinkConnector extends SinkConnector {

    private Map<String, String> settings;

    @Override
    public void start(Map<String, String> props) {
        new TandemSinkConfig(props); // refuses bad settings before any task starts
        settings = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TandemSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            tasks.add(settings);
        }
        return tasks;
    }

    @Override
    public void stop() {
        // Nothing runs in the connector itself; the tasks hold the connections.
    }

    @Override
    public ConfigDef config() {
        return TandemSinkConfig.DEFINITION;
    }

    @Override
    public String version() {
        return Version.OF_THIS_JAR;
    }
}
