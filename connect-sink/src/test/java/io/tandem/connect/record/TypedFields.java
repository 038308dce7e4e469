package io.tandem.connect.record;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Field schemas as Debezium builds them under {@code column.propagate.source.type}. */
final class TypedFields {

    private TypedFields() {
    }

    /** @param length the declared length or precision, or null; @param scale likewise */
    static Schema typed(SchemaBuilder builder, String type, String length, String scale) {
        builder.parameter(RecordSchemas.TYPE, type);
        if (length != null) {
            builder.parameter(RecordSchemas.LENGTH, length);
        }
        if (scale != null) {
            builder.parameter(RecordSchemas.SCALE, scale);
        }
        return builder.build();
    }
}
