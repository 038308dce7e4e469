package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.FenceToken;
import io.tandem.engine.change.Heartbeat;
import io.tandem.engine.change.RenameTable;
import io.tandem.engine.change.RowChange;
import io.tandem.engine.change.SkippedSchemaChange;
import io.tandem.engine.change.TransactionEnd;
import io.tandem.engine.change.TruncateTable;
import java.util.Arrays;
import java.util.List;

/** Compact one-line forms of events, so a test can compare a whole stream with one list. */
final class Events {

    private Events() {
    }

    static List<String> describe(List<ChangeEvent> events) {
        return events.stream().map(Events::describe).toList();
    }

    static String describe(ChangeEvent event) {
        if (event instanceof RowChange row) {
            return switch (row.op()) {
                case INSERT -> "INSERT " + row.table().name() + " " + Arrays.toString(row.after());
                case UPDATE -> "UPDATE " + row.table().name() + " " + Arrays.toString(row.before()) + " -> "
                        + Arrays.toString(row.after());
                case DELETE -> "DELETE " + row.table().name() + " " + Arrays.toString(row.before());
            };
        }
        if (event instanceof TruncateTable truncate) {
            return "TRUNCATE " + truncate.table().name();
        }
        if (event instanceof CreateTable create) {
            return "CREATE " + create.table().name();
        }
        if (event instanceof DropTable drop) {
            return "DROP " + drop.table().name();
        }
        if (event instanceof RenameTable rename) {
            return "RENAME " + rename.before().name() + " -> " + rename.after().name();
        }
        if (event instanceof AlterTable alter) {
            return "ALTER " + alter.before().name() + " " + alter.steps();
        }
        if (event instanceof SkippedSchemaChange skipped) {
            return "SKIPPED " + skipped.table().table() + ": " + skipped.statement();
        }
        if (event instanceof Heartbeat heartbeat) {
            return "HEARTBEAT " + heartbeat.instance() + " " + heartbeat.seq() + " @" + heartbeat.writtenAtMicros();
        }
        if (event instanceof FenceToken fence) {
            return "FENCE " + fence.token();
        }
        return event instanceof TransactionEnd ? "END" : event.toString();
    }
}
