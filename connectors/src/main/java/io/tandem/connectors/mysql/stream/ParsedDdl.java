package io.tandem.connectors.mysql.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one DDL statement says that Debezium's table structures cannot (TYPES.md §a.2): which tables it names, the
 * old name of each renamed column, the indexes it adds, renames and drops, whether it touches the primary key, and
 * whether it renames a table. Built once per statement by {@link DdlParser}; everything else about the change comes
 * from the record's {@code tableChanges}.
 */
sealed interface ParsedDdl {

    /**
     * Every table the statement changes, creates, drops or copies the definition of, in statement order. A table
     * that is only mentioned (a foreign key's {@code REFERENCES orders}, a column named {@code orders}) is not one.
     */
    List<QualifiedName> tables();

    /** {@code RENAME TABLE a TO b [, c TO d …]}: the pairs in statement order. */
    record RenameTables(List<TableRename> renames) implements ParsedDdl {

        public RenameTables {
            renames = List.copyOf(renames);
        }

        @Override
        public List<QualifiedName> tables() {
            List<QualifiedName> tables = new ArrayList<>();
            renames.forEach(rename -> {
                tables.add(rename.to());
                tables.add(rename.from());
            });
            return tables;
        }
    }

    /**
     * {@code ALTER TABLE table clauses}.
     *
     * @param columnRenames old column name → new name, from {@code RENAME COLUMN a TO b} and
     *     {@code CHANGE [COLUMN] a b} (a CHANGE that keeps the name is not a rename), in statement order
     * @param columns every column a clause adds, changes, modifies, renames (both names) or drops, in statement
     *     order
     * @param touchesPrimaryKey whether the statement adds or drops a primary key ({@code ADD PRIMARY KEY},
     *     {@code DROP PRIMARY KEY}, a column defined {@code PRIMARY KEY}): Debezium also reports a unique index on a
     *     table without a key as its primary key, which the source does not have
     * @param renamedTo the new name of a {@code RENAME [TO|AS] x} clause, if any
     * @param renameOnly whether that rename is the statement's only clause (then it is a plain table rename)
     * @param expressionDefaults the columns a clause defines with {@code DEFAULT (expression)}, which Debezium's
     *     structure reports without a default: MySQL evaluates it for every existing row of an added column
     */
    record AlterTable(QualifiedName table, Map<String, String> columnRenames, List<String> columns,
                      IndexChanges indexes, boolean touchesPrimaryKey, Optional<QualifiedName> renamedTo,
                      boolean renameOnly, Set<String> expressionDefaults) implements ParsedDdl {

        public AlterTable {
            columnRenames = Collections.unmodifiableMap(new LinkedHashMap<>(columnRenames));
            columns = List.copyOf(columns);
            expressionDefaults = Set.copyOf(expressionDefaults);
        }

        Optional<TableRename> rename() {
            return renamedTo.map(to -> new TableRename(table, to));
        }

        @Override
        public List<QualifiedName> tables() {
            // The new name first: Debezium reports the ALTER of a renamed table under it.
            return renamedTo.map(to -> List.of(to, table)).orElse(List.of(table));
        }
    }

    /**
     * {@code CREATE TABLE table (definitions) …} or {@code CREATE TABLE table … AS SELECT …}.
     *
     * @param indexes the secondary indexes the definitions declare, in statement order
     * @param definesPrimaryKey whether a definition declares the primary key
     */
    record CreateTable(QualifiedName table, List<IndexDefinition> indexes, boolean definesPrimaryKey)
            implements ParsedDdl {

        public CreateTable {
            indexes = List.copyOf(indexes);
        }

        @Override
        public List<QualifiedName> tables() {
            return List.of(table);
        }
    }

    /** {@code CREATE TABLE table LIKE original}, also written {@code (LIKE original)}. */
    record CreateTableLike(QualifiedName table, QualifiedName original) implements ParsedDdl {

        @Override
        public List<QualifiedName> tables() {
            return List.of(table);
        }
    }

    /** A standalone {@code CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX index ON table (key parts)}. */
    record CreateIndex(QualifiedName table, IndexDefinition index) implements ParsedDdl {

        IndexChanges indexes() {
            return new IndexChanges(List.of(), Map.of(), List.of(index));
        }

        @Override
        public List<QualifiedName> tables() {
            return List.of(table);
        }
    }

    /** A standalone {@code DROP INDEX index ON table}. */
    record DropIndex(QualifiedName table, String index) implements ParsedDdl {

        IndexChanges indexes() {
            return new IndexChanges(List.of(index), Map.of(), List.of());
        }

        @Override
        public List<QualifiedName> tables() {
            return List.of(table);
        }
    }

    /** {@code DROP [TEMPORARY] TABLE [IF EXISTS] a [, b …]}. */
    record DropTables(List<QualifiedName> dropped) implements ParsedDdl {

        public DropTables {
            dropped = List.copyOf(dropped);
        }

        @Override
        public List<QualifiedName> tables() {
            return dropped;
        }
    }

    /**
     * Any other statement ({@code SET …}, {@code CREATE DATABASE}, {@code USE}, views, routines, grants): tandem
     * reads nothing from its text.
     */
    record Other() implements ParsedDdl {

        @Override
        public List<QualifiedName> tables() {
            return List.of();
        }
    }
}
