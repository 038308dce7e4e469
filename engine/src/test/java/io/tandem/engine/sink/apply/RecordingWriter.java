package io.tandem.engine.sink.apply;

import io.tandem.engine.transform.TargetTable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link TableWriter} that writes nowhere: it appends each call, with its rows, to a log the test reads, and
 * reports a one-row statement as unmatched for rows equal to {@link #missing}.
 */
final class RecordingWriter implements TableWriter {

    private final TargetTable table;
    private final List<String> log;
    private String[] missing;

    RecordingWriter(TargetTable table, List<String> log) {
        this.table = table;
        this.log = log;
    }

    /** One-row statements on a row equal to {@code row} find nothing from now on. */
    void missing(String... row) {
        this.missing = row;
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
    public void upsert(List<String[]> rows) {
        log.add("upsert " + table.name() + " " + rows(rows));
    }

    @Override
    public void insert(List<String[]> rows) {
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

    private static String rows(List<String[]> rows) {
        return rows.stream().map(Arrays::toString).collect(Collectors.joining(" "));
    }
}
