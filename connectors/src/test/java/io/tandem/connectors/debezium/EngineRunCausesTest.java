package io.tandem.connectors.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class EngineRunCausesTest {

    /** Debezium's outer message says nothing of the event; the one that does is at the end of the chain. */
    @Test
    void everyDistinctMessageOfTheChainInOrder() {
        IllegalArgumentException parser = new IllegalArgumentException("Invalid identifier: \"shop\".\"q");
        RuntimeException producer = new RuntimeException("An exception occurred in the change event producer. "
                + "This connector will be stopped.", parser);
        ExecutionException engine = new ExecutionException(producer); // its message is the cause's toString()
        assertEquals("ExecutionException: java.lang.RuntimeException: An exception occurred in the change event "
                + "producer. This connector will be stopped.; caused by IllegalArgumentException: Invalid "
                + "identifier: \"shop\".\"q", EngineRun.causes(engine));
        assertEquals("java.lang.IllegalStateException", EngineRun.causes(new IllegalStateException()));
    }
}
