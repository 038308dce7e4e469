package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.stream.DdlTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What Debezium's table structures cannot say about a DDL statement, read from its text (TYPES.md §a.2): the old
 * name of each renamed column, the indexes it adds, renames and drops (the structures carry no secondary
 * indexes), whether it touches the primary key, and whether it renames a table. Only these parts are parsed, over
 * {@link DdlTokens}; everything else about the change comes from {@code tableChanges}.
 *
 * @param columnRenames old column name → new name, from {@code RENAME COLUMN a TO b} and {@code CHANGE [COLUMN] a b}
 *     (a CHANGE that keeps the name is not a rename), in statement order
 * @param droppedIndexes index names of {@code DROP INDEX|KEY name}, {@code DROP CONSTRAINT name} (a unique
 *     constraint is an index; other constraints match none) and {@code DROP INDEX name ON t}
 * @param addedIndexes indexes of {@code ADD [CONSTRAINT [c]] UNIQUE|INDEX|KEY|FULLTEXT|SPATIAL …}, of a column
 *     definition's {@code UNIQUE}, of {@code CREATE … INDEX … ON t}, and those {@code CREATE TABLE} defines, in
 *     statement order
 * @param indexRenames old index name → new name, from {@code RENAME INDEX|KEY a TO b}
 * @param touchesPrimaryKey whether the statement adds or drops a primary key ({@code ADD PRIMARY KEY},
 *     {@code DROP PRIMARY KEY}, a column defined {@code PRIMARY KEY}): Debezium also reports a unique index on
 *     a table without a key as its primary key, which the source does not have
 * @param renamesTable whether the statement is {@code RENAME TABLE} or an {@code ALTER TABLE … RENAME [TO|AS] x}
 * @param tableRenames the table renames in statement order, when the statement does nothing else; empty when an
 *     ALTER TABLE renames the table along with other changes (then {@code alterRename} holds it)
 * @param alterRename the rename of an ALTER TABLE that also changes other things, applied before them; else null
 */
record DdlNames(Map<String, String> columnRenames, List<String> droppedIndexes, List<IndexDefinition> addedIndexes,
                Map<String, String> indexRenames, boolean touchesPrimaryKey, boolean renamesTable,
                List<TableRename> tableRenames, TableRename alterRename) {

    /** One {@code from TO to} pair; a null database means the statement's default database. */
    record TableRename(String fromDatabase, String from, String toDatabase, String to) {
    }

    /** Words that start an index or constraint clause after {@code ADD}, rather than a column definition. */
    private static final List<String> INDEX_CLAUSE_STARTS =
            List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "INDEX", "KEY", "FULLTEXT", "SPATIAL", "FOREIGN", "CHECK");

    static DdlNames of(String ddl) {
        Builder names = new Builder();
        for (List<Token> statement : split(DdlTokens.of(ddl), ';')) {
            if (startsWith(statement, 0, "RENAME", "TABLE")) {
                names.renamesTable = true;
                for (List<Token> pair : split(statement.subList(2, statement.size()), ',')) {
                    names.tableRenames.add(tableRename(pair, 0));
                }
            } else if (startsWith(statement, 0, "DROP", "INDEX")) {
                int name = skipIfExists(statement, 2);
                if (name < statement.size() && statement.get(name).isIdentifier()) {
                    names.droppedIndexes.add(statement.get(name).text());
                }
            } else if (createIndexKeyword(statement) >= 0) {
                names.addedIndexes.add(createIndex(statement));
            } else if (createTableName(statement) >= 0) {
                createTableElements(statement, names);
            } else {
                int clauses = alterTableClauses(statement);
                if (clauses >= 0) {
                    List<List<Token>> parts = split(statement.subList(clauses, statement.size()), ',');
                    for (List<Token> clause : parts) {
                        boolean rename = readClause(clause, names);
                        if (rename && parts.size() == 1) {
                            names.tableRenames.add(alterRename(statement, clause));
                        } else if (rename) {
                            names.alterRename = alterRename(statement, clause);
                        }
                        names.renamesTable |= rename;
                    }
                }
            }
        }
        return names.build();
    }

    /** Collects the parts while a statement is read. */
    private static final class Builder {
        final Map<String, String> columnRenames = new LinkedHashMap<>();
        final List<String> droppedIndexes = new ArrayList<>();
        final List<IndexDefinition> addedIndexes = new ArrayList<>();
        final Map<String, String> indexRenames = new LinkedHashMap<>();
        boolean touchesPrimaryKey;
        boolean renamesTable;
        final List<TableRename> tableRenames = new ArrayList<>();
        TableRename alterRename;

        DdlNames build() {
            return new DdlNames(columnRenames, droppedIndexes, addedIndexes, indexRenames, touchesPrimaryKey,
                    renamesTable, tableRenames, alterRename);
        }
    }

    /**
     * For a standalone {@code CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX … ON [db.]table} or
     * {@code DROP INDEX … ON [db.]table}: {database or null, table}; null for any other statement. Debezium
     * reports these without table changes, or (for a unique index on a table without a primary key) with that
     * index as the table's primary key, so they are read from the text alone.
     */
    static String[] indexStatementTable(String ddl) {
        List<List<Token>> statements = split(DdlTokens.of(ddl), ';');
        List<Token> statement = statements.get(0);
        if (statements.stream().filter(tokens -> !tokens.isEmpty()).count() != 1) {
            return null;
        }
        if (!startsWith(statement, 0, "DROP", "INDEX") && createIndexKeyword(statement) < 0) {
            return null;
        }
        for (int i = 0; i < statement.size(); i++) {
            if (statement.get(i).is("ON")) {
                int[] next = {i + 1};
                return qualifiedName(statement, next);
            }
        }
        throw new IllegalArgumentException("an index statement without ON table");
    }

    /**
     * For {@code CREATE TABLE [db.]t LIKE [db.]other} (also {@code (LIKE other)}): {database or null, other}; null
     * for any other statement.
     */
    static String[] createTableLike(String ddl) {
        List<Token> statement = split(DdlTokens.of(ddl), ';').get(0);
        int name = createTableName(statement);
        if (name < 0) {
            return null;
        }
        int[] next = {name};
        qualifiedName(statement, next);
        int like = next[0];
        if (like < statement.size() && statement.get(like).isPunctuation('(')) {
            like++;
        }
        if (!startsWith(statement, like, "LIKE")) {
            return null;
        }
        next[0] = like + 1;
        return qualifiedName(statement, next);
    }

    /**
     * The index of the table name of {@code CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name}, or -1.
     */
    private static int createTableName(List<Token> statement) {
        if (!startsWith(statement, 0, "CREATE")) {
            return -1;
        }
        int i = startsWith(statement, 1, "OR", "REPLACE") ? 3 : 1;
        if (startsWith(statement, i, "TEMPORARY")) {
            i++;
        }
        if (!startsWith(statement, i, "TABLE")) {
            return -1;
        }
        return startsWith(statement, i + 1, "IF", "NOT", "EXISTS") ? i + 4 : i + 1;
    }

    /**
     * The indexes and key of {@code CREATE TABLE t (column definitions, index definitions) … [AS] SELECT …}: the
     * elements of the first parenthesised list after the name, if any.
     */
    private static void createTableElements(List<Token> statement, Builder names) {
        int[] next = {createTableName(statement)};
        qualifiedName(statement, next);
        int open = next[0];
        if (open >= statement.size() || !statement.get(open).isPunctuation('(') || startsWith(statement, open + 1, "LIKE")) {
            return;
        }
        int close = closingParenthesis(statement, open);
        for (List<Token> element : split(statement.subList(open + 1, close), ',')) {
            if (element.isEmpty()) {
                continue;
            }
            if (INDEX_CLAUSE_STARTS.stream().anyMatch(element.get(0)::is)) {
                indexElement(element, names);
            } else {
                columnDefinition(element, 0, names);
            }
        }
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

    /** {@code ALTER TABLE [db.]a … RENAME [TO|AS] [db.]b …}: the table name, and the RENAME clause's new name. */
    private static TableRename alterRename(List<Token> statement, List<Token> clause) {
        int[] next = {alterTableName(statement)};
        String[] from = qualifiedName(statement, next);
        next[0] = 1;
        if (next[0] < clause.size() && (clause.get(next[0]).is("TO") || clause.get(next[0]).is("AS"))) {
            next[0]++;
        }
        String[] to = qualifiedName(clause, next);
        if (next[0] != clause.size()) {
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
    private static boolean readClause(List<Token> clause, Builder names) {
        if (clause.isEmpty()) {
            return false;
        }
        if (clause.get(0).is("RENAME")) {
            if (startsWith(clause, 1, "COLUMN")) {
                if (clause.size() >= 5 && clause.get(3).is("TO")) {
                    names.columnRenames.put(clause.get(2).text(), clause.get(4).text());
                    return false;
                }
                throw new IllegalArgumentException("unreadable RENAME COLUMN clause");
            }
            if (startsWith(clause, 1, "INDEX") || startsWith(clause, 1, "KEY")) {
                if (clause.size() == 5 && clause.get(2).isIdentifier() && clause.get(3).is("TO")
                        && clause.get(4).isIdentifier()) {
                    names.indexRenames.put(clause.get(2).text(), clause.get(4).text());
                    return false;
                }
                throw new IllegalArgumentException("unreadable RENAME INDEX clause");
            }
            return true; // RENAME [TO|AS] x renames the table
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
                names.columnRenames.put(from, to);
            }
            columnDefinition(clause, old + 1, names);
        } else if (clause.get(0).is("MODIFY")) {
            int column = skipIfExists(clause, startsWith(clause, 1, "COLUMN") ? 2 : 1);
            columnDefinition(clause, column, names);
        } else if (clause.get(0).is("ADD")) {
            readAdd(clause, names);
        } else if (clause.get(0).is("DROP")) {
            readDrop(clause, names);
        }
        return false;
    }

    private static void readAdd(List<Token> clause, Builder names) {
        if (clause.size() < 2) {
            throw new IllegalArgumentException("unreadable ADD clause");
        }
        Token next = clause.get(1);
        if (INDEX_CLAUSE_STARTS.stream().anyMatch(next::is)) {
            indexElement(clause.subList(1, clause.size()), names);
        } else if (next.isPunctuation('(') || startsWith(clause, 1, "COLUMN") && clause.size() > 2
                && clause.get(2).isPunctuation('(')) {
            // ADD [COLUMN] (c1 def, c2 def): each definition may carry UNIQUE or PRIMARY KEY.
            int open = next.isPunctuation('(') ? 1 : 2;
            for (List<Token> definition : split(clause.subList(open + 1, clause.size() - 1), ',')) {
                columnDefinition(definition, 0, names);
            }
        } else {
            int column = startsWith(clause, 1, "COLUMN") ? 2 : 1;
            column = startsWith(clause, column, "IF", "NOT", "EXISTS") ? column + 3 : column;
            columnDefinition(clause, column, names);
        }
    }

    private static void readDrop(List<Token> clause, Builder names) {
        if (startsWith(clause, 1, "PRIMARY", "KEY")) {
            names.touchesPrimaryKey = true;
        } else if (startsWith(clause, 1, "INDEX") || startsWith(clause, 1, "KEY")
                || startsWith(clause, 1, "CONSTRAINT")) {
            int name = skipIfExists(clause, 2);
            if (name < clause.size() && clause.get(name).isIdentifier()) {
                names.droppedIndexes.add(clause.get(name).text());
            }
        }
    }

    /**
     * A column definition starting with its name at {@code at}: {@code UNIQUE [KEY]} adds a unique index named
     * after the column, {@code PRIMARY KEY} (or {@code KEY} alone, MySQL's shorthand for it) makes it the key.
     */
    private static void columnDefinition(List<Token> tokens, int at, Builder names) {
        if (at >= tokens.size() || !tokens.get(at).isIdentifier()) {
            throw new IllegalArgumentException("a column definition expected");
        }
        String column = tokens.get(at).text();
        int depth = 0;
        for (int i = at + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isPunctuation('(')) {
                depth++;
            } else if (token.isPunctuation(')')) {
                depth--;
            } else if (depth == 0 && token.is("REFERENCES")) {
                return; // an inline REFERENCES clause, which MySQL ignores, ends what matters here
            } else if (depth == 0 && token.is("UNIQUE")) {
                names.addedIndexes.add(new IndexDefinition(null, true, null, List.of(column), List.of(0)));
                if (i + 1 < tokens.size() && tokens.get(i + 1).is("KEY")) {
                    i++;
                }
            } else if (depth == 0 && (token.is("PRIMARY") || token.is("KEY"))) {
                names.touchesPrimaryKey = true;
                if (token.is("PRIMARY") && i + 1 < tokens.size() && tokens.get(i + 1).is("KEY")) {
                    i++;
                }
            }
        }
    }

    /**
     * {@code [CONSTRAINT [symbol]] PRIMARY KEY|UNIQUE|INDEX|KEY|FULLTEXT|SPATIAL|FOREIGN KEY|CHECK …} after
     * {@code ADD}: an index is added to {@code names}; foreign keys and checks change no index tandem creates.
     */
    private static void indexElement(List<Token> tokens, Builder names) {
        int i = 0;
        String symbol = null;
        if (tokens.get(0).is("CONSTRAINT")) {
            i = 1;
            if (i < tokens.size() && tokens.get(i).isIdentifier()
                    && Stream.of("PRIMARY", "UNIQUE", "FOREIGN", "CHECK").noneMatch(tokens.get(i)::is)) {
                symbol = tokens.get(i).text();
                i++;
            }
        }
        if (startsWith(tokens, i, "PRIMARY", "KEY")) {
            names.touchesPrimaryKey = true;
            return;
        }
        if (startsWith(tokens, i, "FOREIGN") || startsWith(tokens, i, "CHECK")) {
            return;
        }
        boolean unique = false;
        String kind = null;
        if (startsWith(tokens, i, "UNIQUE")) {
            unique = true;
            i++;
        } else if (startsWith(tokens, i, "FULLTEXT") || startsWith(tokens, i, "SPATIAL")) {
            kind = tokens.get(i).upper();
            i++;
        } else if (!startsWith(tokens, i, "INDEX") && !startsWith(tokens, i, "KEY")) {
            throw new IllegalArgumentException("unreadable index definition");
        }
        if (startsWith(tokens, i, "INDEX") || startsWith(tokens, i, "KEY")) {
            i++;
        }
        if (startsWith(tokens, i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        String name = symbol;
        if (i < tokens.size() && tokens.get(i).isIdentifier() && !tokens.get(i).is("USING")) {
            name = tokens.get(i).text();
            i++;
        }
        names.addedIndexes.add(keyParts(tokens, i, name, unique, kind));
    }

    /** {@code [USING method] (key parts) [USING method] …} starting at {@code at}. */
    private static IndexDefinition keyParts(List<Token> tokens, int at, String name, boolean unique, String kind) {
        int i = at;
        String method = kind;
        if (startsWith(tokens, i, "USING") && i + 1 < tokens.size()) {
            method = method == null ? tokens.get(i + 1).upper() : method;
            i += 2;
        }
        if (i >= tokens.size() || !tokens.get(i).isPunctuation('(')) {
            throw new IllegalArgumentException("unreadable index key parts");
        }
        int close = closingParenthesis(tokens, i);
        List<String> columns = new ArrayList<>();
        List<Integer> prefixLengths = new ArrayList<>();
        for (List<Token> part : split(tokens.subList(i + 1, close), ',')) {
            if (part.isEmpty() || !part.get(0).isIdentifier()) {
                columns.add(null); // (expression): a functional key part
                prefixLengths.add(0);
                continue;
            }
            columns.add(part.get(0).text());
            boolean prefix = part.size() >= 4 && part.get(1).isPunctuation('(') && part.get(3).isPunctuation(')');
            prefixLengths.add(prefix ? Integer.parseInt(part.get(2).text()) : 0);
        }
        for (int j = close + 1; j + 1 < tokens.size(); j++) {
            if (tokens.get(j).is("USING") && method == null) {
                method = tokens.get(j + 1).upper();
            }
        }
        return new IndexDefinition(name, unique, method, columns, prefixLengths);
    }

    /**
     * The position of {@code INDEX} in {@code CREATE [OR REPLACE] [ONLINE|OFFLINE] [UNIQUE|FULLTEXT|SPATIAL]
     * INDEX}, or -1 when the statement is not a CREATE INDEX.
     */
    private static int createIndexKeyword(List<Token> statement) {
        if (!startsWith(statement, 0, "CREATE")) {
            return -1;
        }
        int i = startsWith(statement, 1, "OR", "REPLACE") ? 3 : 1;
        if (startsWith(statement, i, "ONLINE") || startsWith(statement, i, "OFFLINE")) {
            i++;
        }
        if (startsWith(statement, i, "UNIQUE") || startsWith(statement, i, "FULLTEXT")
                || startsWith(statement, i, "SPATIAL")) {
            i++;
        }
        return startsWith(statement, i, "INDEX") ? i : -1;
    }

    /** {@code CREATE … INDEX [IF NOT EXISTS] name [USING m] ON [db.]t (key parts) …}. */
    private static IndexDefinition createIndex(List<Token> statement) {
        int index = createIndexKeyword(statement);
        Token modifier = statement.get(index - 1);
        boolean unique = modifier.is("UNIQUE");
        String kind = modifier.is("FULLTEXT") || modifier.is("SPATIAL") ? modifier.upper() : null;
        int i = startsWith(statement, index + 1, "IF", "NOT", "EXISTS") ? index + 4 : index + 1;
        if (i >= statement.size() || !statement.get(i).isIdentifier()) {
            throw new IllegalArgumentException("unreadable CREATE INDEX statement");
        }
        String name = statement.get(i).text();
        i++;
        if (startsWith(statement, i, "USING") && i + 1 < statement.size()) {
            kind = kind == null ? statement.get(i + 1).upper() : kind;
            i += 2;
        }
        if (!startsWith(statement, i, "ON")) {
            throw new IllegalArgumentException("unreadable CREATE INDEX statement");
        }
        int[] next = {i + 1};
        qualifiedName(statement, next);
        return keyParts(statement, next[0], name, unique, kind);
    }

    private static int closingParenthesis(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunctuation('(')) {
                depth++;
            } else if (tokens.get(i).isPunctuation(')') && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses");
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
