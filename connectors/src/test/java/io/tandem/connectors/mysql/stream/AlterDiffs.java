package io.tandem.connectors.mysql.stream;

import io.tandem.engine.change.AlterTable;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.transform.TargetNames;
import io.tandem.engine.transform.TargetTable;

/** {@link AlterTableDiff} on statement text, parsed as the decoder parses it. */
final class AlterDiffs {

    private AlterDiffs() {
    }

    static AlterTable diff(TargetTable before, SourceTable source, TargetTable mapped, String ddl,
                           SourcePosition position, TargetNames names) {
        return AlterTableDiff.diff(before, source, mapped, (ParsedDdl.AlterTable) parse(ddl), ddl, position, names);
    }

    static AlterTable indexesOnly(TargetTable before, String ddl, SourcePosition position, TargetNames names) {
        ParsedDdl statement = parse(ddl);
        IndexChanges changes = statement instanceof ParsedDdl.CreateIndex create ? create.indexes()
                : ((ParsedDdl.DropIndex) statement).indexes();
        return AlterTableDiff.indexesOnly(before, changes, ddl, position, names);
    }

    private static ParsedDdl parse(String ddl) {
        try {
            return DdlParser.parse(ddl);
        } catch (DdlParseException e) {
            throw new AssertionError("unreadable: " + ddl, e);
        }
    }
}
