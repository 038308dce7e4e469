package io.tandem.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.StreamPoint;
import io.tandem.sink.postgres.state.CanonicalJson;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SourceEventsTest {

    private static final Schema SOURCE = SchemaBuilder.struct()
            .field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("row", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    @Test
    void rowChangesAreOrderedByFileEventAndRowAndARepeatIsNoNewerThanTheLastApplied() {
        StreamPoint first = SourceEvents.place(source("false", "mysql-bin.000009", 4711, 0));
        StreamPoint secondRow = SourceEvents.place(source("false", "mysql-bin.000009", 4711, 1));
        StreamPoint nextFile = SourceEvents.place(source(null, "mysql-bin.000010", 4, 0));

        assertFalse(SourceEvents.repeated(first, null), "nothing applied yet");
        assertTrue(SourceEvents.repeated(first, first), "the same row change again");
        assertTrue(SourceEvents.repeated(first, secondRow));
        assertFalse(SourceEvents.repeated(secondRow, first));
        assertFalse(SourceEvents.repeated(nextFile, secondRow), "file 10 comes after file 9");
    }

    @Test
    void snapshotReadsHaveNoPlaceAndAnotherLogIsNeverARepeat() {
        assertNull(SourceEvents.place(source("true", "mysql-bin.000009", 4711, 0)));
        assertNull(SourceEvents.place(source("last", "mysql-bin.000009", 4711, 0)));
        StreamPoint other = SourceEvents.place(source("false", "other-bin.000001", 4, 0));
        StreamPoint here = SourceEvents.place(source("false", "mysql-bin.000009", 9999, 0));
        assertFalse(SourceEvents.repeated(other, here));
    }

    @Test
    void theLastAppliedPlaceSurvivesTheTripThroughTandemOffsets() {
        TopicPartition partition = new TopicPartition("shop.db.orders", 3);
        StreamPoint place = SourceEvents.place(source("false", "mysql-bin.000009", 4711, 2));
        SourcePosition position = TopicPositions.after(partition, 41, place, "mysql-bin.000009:4711");

        TopicPositions.Progress stored = TopicPositions.progress(
                CanonicalJson.readObject(CanonicalJson.write(position.offset())));

        assertEquals(42, stored.nextOffset(), "the next record to apply");
        assertEquals(place, stored.lastEvent());
        assertEquals(new TopicPositions.Progress(42, null), TopicPositions.progress(
                CanonicalJson.readObject(CanonicalJson.write(TopicPositions.after(partition, 41, null, null)
                        .offset()))));
    }

    private static Struct source(String snapshot, String file, long pos, int row) {
        return new Struct(SOURCE).put("snapshot", snapshot).put("file", file).put("pos", pos).put("row", row);
    }
}
