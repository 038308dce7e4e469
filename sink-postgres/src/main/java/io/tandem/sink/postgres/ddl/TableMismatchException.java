package io.tandem.sink.postgres.ddl;

import io.tandem.engine.sink.SinkException;
import java.util.List;

/** An existing target table whose columns are not the ones tandem would create; never retryable. */
public final class TableMismatchException extends SinkException {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;
    private final List<String> unexpected;

    public TableMismatchException(String table, List<String> missing, List<String> unexpected) {
        super("target table " + table + " already exists with other columns: missing " + missing
                + ", not expected " + unexpected + "; drop or rename it, or map the source table elsewhere",
                false, null);
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
    }

    /** Columns tandem expects that the existing table lacks. */
    public List<String> missing() {
        return missing;
    }

    /** Columns of the existing table that tandem does not expect. */
    public List<String> unexpected() {
        return unexpected;
    }
}
