package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.change.CreateTable;
import io.tandem.engine.change.DropTable;
import io.tandem.engine.change.RowChange;
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
        return switch (event) {
            case RowChange row -> switch (row.op()) {
                case INSERT -> "INSERT " + row.table().name() + " " + Arrays.toString(row.after());
                case UPDATE -> "UPDATE " + row.table().name() + " " + Arrays.toString(row.before()) + " -> "
                        + Arrays.toString(row.after());
                case DELETE -> "DELETE " + row.table().name() + " " + Arrays.toString(row.before());
            };
            case TruncateTable truncate -> "TRUNCATE " + truncate.table().name();
            case CreateTable create -> "CREATE " + create.table().name();
            case DropTable drop -> "DROP " + drop.table().name();
            case TransactionEnd end -> "END";
        };
    }
}
