package io.tandem.connectors.mysql.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the snapshot query and renders it as the PostgreSQL text of the column's
 * {@link io.tandem.engine.transform.ValueKind}. Chosen once per column per table, so the row loop does no type
 * dispatch.
 */
@FunctionalInterface
interface ColumnReader {

    /**
     * @return the PostgreSQL text, or null for SQL NULL
     * @throws RejectedValue when the value cannot be stored in PostgreSQL
     */
    String read(ResultSet rs, int index) throws SQLException;
}
