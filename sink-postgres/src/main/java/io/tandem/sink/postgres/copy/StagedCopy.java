package io.tandem.sink.postgres.copy;

import static io.tandem.sink.postgres.sql.SqlIdentifiers.quote;

import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.TargetTable;
import io.tandem.sink.postgres.sql.ColumnValues;
import io.tandem.sink.postgres.sql.SqlIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The statements of a copy into a table with a column overridden by a {@code using} expression. COPY stores text
 * through each type's input function and cannot evaluate an expression, so such a table's rows are copied into a
 * temporary table of text columns and moved into the table with {@code INSERT … SELECT}, converting each column
 * as the streaming statements do ({@link ColumnValues}). The temporary table lives in the load's transaction only.
 * Tables without such a column keep the direct {@code COPY … FREEZE}, unless refused rows are to be dead-lettered:
 * a COPY fails as a whole, while staged rows can be moved one by one to find the refused ones.
 */
final class StagedCopy {

    /** In {@code pg_temp}, so no table of the target's search path can be meant instead. */
    private static final String STAGE = "pg_temp." + quote("tandem_copy_stage");

    private StagedCopy() {
    }

    /** @param deadLetter whether refused rows are dead-lettered ({@code errors.on-bad-row: dead-letter}) */
    static boolean needed(TargetTable table, int[] columns, boolean deadLetter) {
        for (int index : columns) {
            TargetColumn column = table.columns().get(index);
            if (column.converted() || (deadLetter && column.override() != null)) {
                return true;
            }
        }
        return false;
    }

    static String createStage(int columns) {
        StringJoiner definition = new StringJoiner(", ", " (", ")");
        for (int i = 0; i < columns; i++) {
            definition.add("v" + i + " text");
        }
        return "CREATE TEMPORARY TABLE " + quote("tandem_copy_stage") + definition + " ON COMMIT DROP";
    }

    static String copyIntoStage() {
        return "COPY " + STAGE + " FROM STDIN WITH (FORMAT text)";
    }

    static String selectStaged(int columns) {
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < columns; i++) {
            names.add("v" + i);
        }
        return "SELECT " + names + " FROM " + STAGE;
    }

    /** One staged row into the table, its values as parameters in staged order. */
    static String insertOne(TargetTable table, int[] columns) {
        List<String> names = new ArrayList<>();
        StringJoiner values = new StringJoiner(", ");
        for (int index : columns) {
            TargetColumn column = table.columns().get(index);
            names.add(column.name());
            values.add(ColumnValues.of("?", column));
        }
        return "INSERT INTO " + SqlIdentifiers.qualified(table) + " (" + SqlIdentifiers.quotedList(names)
                + ") VALUES (" + values + ")";
    }

    static String moveIntoTable(TargetTable table, int[] columns) {
        List<String> names = new ArrayList<>();
        StringJoiner values = new StringJoiner(", ");
        for (int i = 0; i < columns.length; i++) {
            TargetColumn column = table.columns().get(columns[i]);
            names.add(column.name());
            values.add(ColumnValues.of("s.v" + i, column));
        }
        return "INSERT INTO " + SqlIdentifiers.qualified(table) + " (" + SqlIdentifiers.quotedList(names) + ") SELECT "
                + values + " FROM " + STAGE + " AS s";
    }
}
