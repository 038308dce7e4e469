package io.tandem.engine.transform;

import io.tandem.engine.model.SourceTable;

/** Turns a source table's structure into the PostgreSQL table tandem creates and writes. */
public interface TableMapper {

    /**
     * @throws UnsupportedTypeException naming the table, column and type when a column has no exact mapping
     */
    TargetTable map(SourceTable source);
}
