package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.stream.DdlTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Debezium's table structures cannot say about a DDL statement, read from its text (TYPES.md §a.2): the old
 * name of each renamed column, the secondary indexes it drops, and whether it renames a table. Only these parts
 * are parsed, over {@link DdlTokens}; everything else about the change comes from {@code tableChanges}.
 *
 * @param columnRenames old column name → new name, from {@code RENAME COLUMN a TO b} and {@code CHANGE [COLUMN] a b}
 *     (a CHANGE that keeps the name is not a rename), in statement order
 * @param droppedIndexes index names of {@code DROP INDEX|KEY name} clauses and of {@code DROP INDEX name ON t}
 * @param renamesTable whether the statement is {@code RENAME TABLE} or an {@code ALTER TABLE … RENAME [TO|AS] x}
 * @param tableRenames the table renames in statement order, when the statement does nothing else; empty when an
 *     ALTER TABLE renames the table along with other changes (then only {@code renamesTable} says so)
 */
record DdlNames(Map<String, String> columnRenames, List<String> droppedIndexes, boolean renamesTable,
                List<TableRename> tableRenames) {

    /** One {@code from TO to} pair; a null database means the statement's default database. */
    record TableRename(String fromDatabase, String from, String toDatabase, String to) {
    }

    static DdlNames of(String ddl) {
        Map<String, String> renames = new LinkedHashMap<>();
        List<String> droppedIndexes = new ArrayList<>();
        boolean renamesTable = false;
        List<TableRename> tableRenames = new ArrayList<>();
        for (List<Token> statement : split(DdlTokens.of(ddl), ';')) {
            if (startsWith(statement, 0, "RENAME", "TABLE")) {
                renamesTable = true;
                for (List<Token> pair : split(statement.subList(2, statement.size()), ',')) {
                    tableRenames.add(tableRename(pair, 0));
                }
            } else if (startsWith(statement, 0, "DROP", "INDEX")) {
                int name = skipIfExists(statement, 2);
                if (name < statement.size() && statement.get(name).isIdentifier()) {
                    droppedIndexes.add(statement.get(name).text());
                }
            } else {
                int clauses = alterTableClauses(statement);
                if (clauses >= 0) {
                    List<List<Token>> parts = split(statement.subList(clauses, statement.size()), ',');
                    for (List<Token> clause : parts) {
                        boolean rename = readClause(clause, renames, droppedIndexes);
                        if (rename && parts.size() == 1) {
                            tableRenames.add(alterRename(statement, clauses));
                        }
                        renamesTable |= rename;
                    }
                }
            }
        }
        return new DdlNames(renames, droppedIndexes, renamesTable, tableRenames);
    }

    /**
     * For a standalone {@code DROP INDEX [IF EXISTS] name ON [db.]table}: {database or null, table, index};
     * null for any other statement. Debezium reports these statements without table changes.
     */
    static String[] dropIndexOn(String ddl) {
        List<List<Token>> statements = split(DdlTokens.of(ddl), ';');
        List<Token> statement = statements.get(0);
        if (statements.stream().filter(tokens -> !tokens.isEmpty()).count() != 1
                || !startsWith(statement, 0, "DROP", "INDEX")) {
            return null;
        }
        int name = skipIfExists(statement, 2);
        if (name + 1 >= statement.size() || !statement.get(name).isIdentifier() || !statement.get(name + 1).is("ON")) {
            throw new IllegalArgumentException("unreadable DROP INDEX statement");
        }
        int[] next = {name + 2};
        String[] table = qualifiedName(statement, next);
        return new String[] {table[0], table[1], statement.get(name).text()};
    }

    /** {@code [db.]a TO [db.]b} starting at {@code at}. */
    private static TableRename tableRename(List<Token> tokens, int at) {
        int[] next = {at};
        String[] from = qualifiedName(tokens, next);
        if (next[0] >= tokens.size() || !tokens.get(next[0]).is("TO")) {
            throw new IllegalArgumentException("unreadable RENAME TABLE pair");
        }
        next[0]++;
        String[] to = qualifiedName(tokens, next);
        if (next[0] != tokens.size()) {
            throw new IllegalArgumentException("unreadable RENAME TABLE pair");
        }
        return new TableRename(from[0], from[1], to[0], to[1]);
    }

    /** {@code ALTER TABLE [db.]a RENAME [TO|AS] [db.]b}, the clause starting at {@code clauses}. */
    private static TableRename alterRename(List<Token> statement, int clauses) {
        int[] next = {alterTableName(statement)};
        String[] from = qualifiedName(statement, next);
        next[0] = clauses + 1;
        if (next[0] < statement.size() && (statement.get(next[0]).is("TO") || statement.get(next[0]).is("AS"))) {
            next[0]++;
        }
        String[] to = qualifiedName(statement, next);
        if (next[0] != statement.size()) {
            throw new IllegalArgumentException("unreadable ALTER TABLE … RENAME clause");
        }
        return new TableRename(from[0], from[1], to[0], to[1]);
    }

    /** {@code name} or {@code db.name} at {@code next[0]}, which is advanced past it; {database or null, name}. */
    private static String[] qualifiedName(List<Token> tokens, int[] next) {
        int i = next[0];
        if (i >= tokens.size() || !tokens.get(i).isIdentifier()) {
            throw new IllegalArgumentException("a table name expected");
        }
        if (i + 2 < tokens.size() && tokens.get(i + 1).isPunctuation('.') && tokens.get(i + 2).isIdentifier()) {
            next[0] = i + 3;
            return new String[] {tokens.get(i).text(), tokens.get(i + 2).text()};
        }
        next[0] = i + 1;
        return new String[] {null, tokens.get(i).text()};
    }

    /** @return whether the clause renames the table */
    private static boolean readClause(List<Token> clause, Map<String, String> renames, List<String> droppedIndexes) {
        if (clause.isEmpty()) {
            return false;
        }
        if (clause.get(0).is("RENAME")) {
            if (startsWith(clause, 1, "COLUMN")) {
                if (clause.size() >= 5 && clause.get(3).is("TO")) {
                    renames.put(clause.get(2).text(), clause.get(4).text());
                    return false;
                }
                throw new IllegalArgumentException("unreadable RENAME COLUMN clause");
            }
            // RENAME INDEX|KEY a TO b renames an index; anything else renames the table.
            return !(startsWith(clause, 1, "INDEX") || startsWith(clause, 1, "KEY"));
        }
        if (clause.get(0).is("CHANGE")) {
            int old = startsWith(clause, 1, "COLUMN") ? 2 : 1;
            old = skipIfExists(clause, old);
            if (old + 1 >= clause.size() || !clause.get(old).isIdentifier() || !clause.get(old + 1).isIdentifier()) {
                throw new IllegalArgumentException("unreadable CHANGE clause");
            }
            String from = clause.get(old).text();
            String to = clause.get(old + 1).text();
            if (!from.equals(to)) {
                renames.put(from, to);
            }
            return false;
        }
        if (clause.get(0).is("DROP") && (startsWith(clause, 1, "INDEX") || startsWith(clause, 1, "KEY"))) {
            int name = skipIfExists(clause, 2);
            if (name < clause.size() && clause.get(name).isIdentifier()) {
                droppedIndexes.add(clause.get(name).text());
            }
        }
        return false;
    }

    /**
     * The index of the first clause token of {@code ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] [db.]name …}, or -1
     * when the statement is not an ALTER TABLE.
     */
    private static int alterTableClauses(List<Token> statement) {
        int name = alterTableName(statement);
        if (name < 0) {
            return -1;
        }
        int[] next = {name};
        qualifiedName(statement, next);
        return next[0];
    }

    /** The index of the table name of an ALTER TABLE statement, or -1. */
    private static int alterTableName(List<Token> statement) {
        if (statement.isEmpty() || !statement.get(0).is("ALTER")) {
            return -1;
        }
        int i = 1;
        while (i < statement.size() && (statement.get(i).is("ONLINE") || statement.get(i).is("IGNORE"))) {
            i++;
        }
        if (i >= statement.size() || !statement.get(i).is("TABLE")) {
            return -1;
        }
        return skipIfExists(statement, i + 1);
    }

    private static int skipIfExists(List<Token> tokens, int at) {
        return startsWith(tokens, at, "IF", "EXISTS") ? at + 2 : at;
    }

    private static boolean startsWith(List<Token> tokens, int at, String... keywords) {
        if (tokens.size() < at + keywords.length) {
            return false;
        }
        for (int i = 0; i < keywords.length; i++) {
            if (!tokens.get(at + i).is(keywords[i])) {
                return false;
            }
        }
        return true;
    }

    /** Splits at the separator where it is not inside parentheses. */
    private static List<List<Token>> split(List<Token> tokens, char separator) {
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isPunctuation('(')) {
                depth++;
            } else if (token.isPunctuation(')')) {
                depth--;
            } else if (depth == 0 && token.isPunctuation(separator)) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(tokens.subList(start, tokens.size()));
        return parts;
    }
}
