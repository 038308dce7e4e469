package io.tandem.engine.sink.apply;

import io.tandem.engine.transform.TargetTable;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link TableWriter} that writes nowhere: it appends each call, with its rows, to a log the test reads. It can
 * be told that the target lacks a row ({@link #missing}) or refuses one as data ({@link #refuse}).
 */
final class RecordingWriter implements TableWriter {

    private final TargetTable table;
    private final List<String> log;
    private String[] missing;
    private String[] refused;

    RecordingWriter(TargetTable table, List<String> log) {
        this.table = table;
        this.log = log;
    }

    /** One-row statements on a row equal to {@code row} find nothing from now on. */
    void missing(String... row) {
        this.missing = row;
    }

    /** A set-based statement holding a row equal to {@code row} fails with a data error (SQLSTATE 22001). */
    void refuse(String... row) {
        this.refused = row;
    }

    @Override
    public TargetTable table() {
        return table;
    }

    @Override
    public void deleteByKey(List<String[]> keys) {
        log.add("deleteByKey " + table.name() + " " + rows(keys));
    }

    @Override
    public void upsert(List<String[]> rows) throws FailedStatement {
        refuseBadRow("upsert", rows);
        log.add("upsert " + table.name() + " " + rows(rows));
    }

    @Override
    public void insert(List<String[]> rows) throws FailedStatement {
        refuseBadRow("insert", rows);
        log.add("insert " + table.name() + " " + rows(rows));
    }

    @Override
    public boolean updateOne(String[] before, String[] after) {
        log.add("updateOne " + table.name() + " " + Arrays.toString(before) + "->" + Arrays.toString(after));
        return !Arrays.equals(before, missing);
    }

    @Override
    public boolean deleteOne(String[] before) {
        log.add("deleteOne " + table.name() + " " + Arrays.toString(before));
        return !Arrays.equals(before, missing);
    }

    private void refuseBadRow(String operation, List<String[]> rows) throws FailedStatement {
        if (rows.stream().anyMatch(row -> Arrays.equals(row, refused))) {
            throw new FailedStatement(operation, table.displayName(), new SQLException("value too long", "22001"));
        }
    }

    private static String rows(List<String[]> rows) {
        return rows.stream().map(Arrays::toString).collect(Collectors.joining(" "));
    }
}
