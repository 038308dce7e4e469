package io.tandem.connect.record;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverrides;
import io.tandem.engine.transform.MySqlTableMapper;
import io.tandem.engine.transform.NameCase;
import io.tandem.engine.transform.SpatialTarget;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetNames;
import io.tandem.engine.transform.TargetTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Schema;

/**
 * The target tables a task writes, as committed in PostgreSQL ({@code tandem.tables}), and the changes a batch
 * makes to them: a table seen for the first time is created, a record schema that differs from the committed
 * definition alters it ({@link TableSchemaChange}). Definitions become this task's committed ones only when the
 * batch that created or altered them has committed; after a failed batch everything is read again, since another
 * task may have changed a table meanwhile.
 */
public final class SinkTables {

    private final Supplier<Map<TableId, TargetTable>> storedDefinitions;
    private final NameCase nameCase;
    private final SpatialTarget spatial;
    private Map<TableId, TargetTable> committed;
    private TargetNames names;
    private MySqlTableMapper mapper;
    /** The last schemas seen per table and the table they map to: records of one schema are mapped once. */
    private final Map<TableId, Shape> shapes = new HashMap<>();

    private record Shape(Schema keySchema, Schema rowSchema, TargetTable table) {
        boolean fits(Schema key, Schema row) {
            return key == keySchema && row == rowSchema;
        }
    }

    public SinkTables(Supplier<Map<TableId, TargetTable>> storedDefinitions, NameCase nameCase, SpatialTarget spatial) {
        this.storedDefinitions = storedDefinitions;
        this.nameCase = nameCase;
        this.spatial = spatial;
        reload();
    }

    /** Forgets everything not read from PostgreSQL: after a failed batch. */
    public void reload() {
        committed = new HashMap<>(storedDefinitions.get());
        names = new TargetNames(nameCase);
        committed.values().forEach(names::register);
        mapper = new MySqlTableMapper(names, ColumnOverrides.none(), spatial);
        shapes.clear();
    }

    public Batch batch() {
        return new Batch();
    }

    /** The definitions one batch works with: the committed ones and those its own events create or alter. */
    public final class Batch {

        private final Map<TableId, TargetTable> changed = new HashMap<>();

        private Batch() {
        }

        /** The table as the batch has it so far, or null when it has never been created. */
        public TargetTable current(TableId id) {
            TargetTable table = changed.get(id);
            return table != null ? table : committed.get(id);
        }

        /**
         * The table a record with these schemas is written to; when it does not exist yet or has another shape,
         * the event creating or altering it is appended to {@code events} first.
         *
         * @param backfillSql what existing rows get in a column the record schema adds
         */
        public TargetTable tableFor(TableId id, Schema keySchema, Schema rowSchema, boolean mariaDb,
                                    Function<TargetColumn, String> backfillSql, SourcePosition position,
                                    List<ChangeEvent> events) {
            Shape shape = shapes.get(id);
            TargetTable mapped;
            if (shape != null && shape.fits(keySchema, rowSchema)) {
                mapped = shape.table();
            } else {
                mapped = mapper.map(RecordSchemas.sourceTable(id, keySchema, rowSchema, mariaDb));
                shapes.put(id, new Shape(keySchema, rowSchema, mapped));
            }
            TargetTable current = current(id);
            if (current == null) {
                events.add(new CreateTable(mapped, position));
            } else if (current.equals(mapped)) {
                return current;
            } else {
                events.add(TableSchemaChange.between(current, mapped, backfillSql, position));
            }
            changed.put(id, mapped);
            return mapped;
        }

        /** The batch committed: its definitions are PostgreSQL's now. */
        public void committed() {
            SinkTables.this.committed.putAll(changed);
        }
    }
}
