package io.tandem.connectors.mysql.stream;

import io.tandem.connectors.mysql.stream.DdlTokens.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the parts of a DDL statement that {@link ParsedDdl} holds, over {@link DdlTokens}, once per statement. Only
 * these parts are parsed: it recognises each statement form by its leading keywords and skips what it does not
 * need, so it does not validate the statement (the server already ran it).
 *
 * <p>One parser reads one token list from its {@code position}; an {@code ALTER TABLE} clause or a {@code CREATE
 * TABLE} element is read by a parser of its own over that part of the statement.
 */
final class DdlParser {

    /** Words that start an index or constraint definition, rather than a column definition. */
    private static final Set<String> INDEX_CLAUSE_STARTS =
            Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "INDEX", "KEY", "FULLTEXT", "SPATIAL", "FOREIGN", "CHECK");

    private final List<Token> tokens;
    private int position;

    private DdlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * @param ddl one statement as the binlog holds it. Text after a top-level {@code ;} is a trailing separator or
     *     the rest of a routine or trigger body ({@code CREATE PROCEDURE … BEGIN …; …; END}), never a statement of
     *     its own: the binlog holds one statement per event.
     * @throws DdlParseException when a part tandem reads is not readable
     */
    static ParsedDdl parse(String ddl) throws DdlParseException {
        for (List<Token> statement : split(DdlTokens.of(ddl), ';')) {
            if (!statement.isEmpty()) {
                return new DdlParser(statement).statement();
            }
        }
        return new ParsedDdl.Other();
    }

    private ParsedDdl statement() throws DdlParseException {
        if (accept("RENAME", "TABLE")) {
            return renameTables();
        }
        if (accept("DROP", "INDEX")) {
            return dropIndex();
        }
        if (accept("DROP")) {
            accept("TEMPORARY");
            return accept("TABLE") || accept("TABLES") ? dropTables() : new ParsedDdl.Other();
        }
        if (accept("CREATE")) {
            return create();
        }
        if (accept("ALTER")) {
            return alter();
        }
        return new ParsedDdl.Other();
    }

    private ParsedDdl.RenameTables renameTables() throws DdlParseException {
        List<TableRename> renames = new ArrayList<>();
        for (DdlParser pair : rest(',')) {
            pair.accept("IF", "EXISTS"); // MariaDB
            QualifiedName from = pair.qualifiedName();
            pair.expect("TO");
            QualifiedName to = pair.qualifiedName();
            pair.expectEnd("RENAME TABLE pair");
            renames.add(new TableRename(from, to));
        }
        return new ParsedDdl.RenameTables(renames);
    }

    /** {@code DROP INDEX [IF EXISTS] name ON [db.]table [options]}. */
    private ParsedDdl.DropIndex dropIndex() throws DdlParseException {
        accept("ONLINE");
        accept("OFFLINE");
        accept("IF", "EXISTS");
        String index = identifier("an index name");
        expect("ON");
        return new ParsedDdl.DropIndex(qualifiedName(), index);
    }

    /** {@code DROP [TEMPORARY] TABLE [IF EXISTS] a [, b …] [RESTRICT|CASCADE]}. */
    private ParsedDdl.DropTables dropTables() throws DdlParseException {
        accept("IF", "EXISTS");
        List<QualifiedName> dropped = new ArrayList<>();
        for (DdlParser name : rest(',')) {
            dropped.add(name.qualifiedName());
        }
        return new ParsedDdl.DropTables(dropped);
    }

    /**
     * {@code CREATE [OR REPLACE] [ONLINE|OFFLINE] [UNIQUE|FULLTEXT|SPATIAL] INDEX …} or
     * {@code CREATE [OR REPLACE] [TEMPORARY] TABLE …}; any other CREATE (database, view, routine) is read as nothing.
     */
    private ParsedDdl create() throws DdlParseException {
        accept("OR", "REPLACE");
        int afterReplace = position;
        if (!accept("ONLINE")) {
            accept("OFFLINE");
        }
        String modifier = at("UNIQUE") || at("FULLTEXT") || at("SPATIAL") ? next().upper() : null;
        if (accept("INDEX")) {
            return createIndex(modifier);
        }
        position = afterReplace;
        accept("TEMPORARY");
        return accept("TABLE") ? createTable() : new ParsedDdl.Other();
    }

    /** {@code … INDEX [IF NOT EXISTS] name [USING m] ON [db.]t (key parts) …}. */
    private ParsedDdl.CreateIndex createIndex(String modifier) throws DdlParseException {
        boolean unique = "UNIQUE".equals(modifier);
        String kind = "UNIQUE".equals(modifier) ? null : modifier;
        accept("IF", "NOT", "EXISTS");
        String name = identifier("an index name");
        if (at("USING") && position + 1 < tokens.size()) {
            next();
            String method = next().upper();
            kind = kind == null ? method : kind;
        }
        expect("ON");
        QualifiedName table = qualifiedName();
        return new ParsedDdl.CreateIndex(table, keyParts(name, unique, kind));
    }

    /**
     * {@code … TABLE [IF NOT EXISTS] name (definitions) …}, {@code … name [AS] SELECT …} or
     * {@code … name [(]LIKE other[)]}.
     */
    private ParsedDdl createTable() throws DdlParseException {
        accept("IF", "NOT", "EXISTS");
        QualifiedName table = qualifiedName();
        boolean parenthesised = atPunctuation('(');
        if (accept("LIKE") || parenthesised && tokens.size() > position + 1 && tokens.get(position + 1).is("LIKE")) {
            if (parenthesised) {
                position += 2;
            }
            return new ParsedDdl.CreateTableLike(table, qualifiedName());
        }
        Definitions definitions = new Definitions();
        if (parenthesised) {
            for (DdlParser element : parenthesised()) {
                if (element.atEnd()) {
                    continue;
                }
                if (INDEX_CLAUSE_STARTS.stream().anyMatch(element::at)) {
                    element.indexDefinition(definitions);
                } else {
                    element.columnDefinition(definitions);
                }
            }
        }
        return new ParsedDdl.CreateTable(table, definitions.addedIndexes, definitions.touchesPrimaryKey);
    }

    /** {@code ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] [db.]name clause, …}; any other ALTER is read as nothing. */
    private ParsedDdl alter() throws DdlParseException {
        while (accept("ONLINE") || accept("IGNORE")) {
            // modifiers of the statement
        }
        if (!accept("TABLE")) {
            return new ParsedDdl.Other();
        }
        accept("IF", "EXISTS");
        QualifiedName table = qualifiedName();
        Definitions definitions = new Definitions();
        List<DdlParser> clauses = rest(',');
        for (DdlParser clause : clauses) {
            clause.alterClause(definitions);
        }
        boolean renameOnly = definitions.renamedTo != null && clauses.size() == 1;
        return new ParsedDdl.AlterTable(table, definitions.columnRenames, definitions.columns,
                new IndexChanges(definitions.droppedIndexes, definitions.indexRenames, definitions.addedIndexes),
                definitions.touchesPrimaryKey, Optional.ofNullable(definitions.renamedTo), renameOnly,
                definitions.expressionDefaults);
    }

    private void alterClause(Definitions definitions) throws DdlParseException {
        if (atEnd()) {
            return;
        }
        if (accept("RENAME")) {
            renameClause(definitions);
        } else if (accept("CHANGE")) {
            accept("COLUMN");
            accept("IF", "EXISTS");
            String from = identifier("the column's old name");
            if (!atIdentifier()) {
                throw error("the column's new name");
            }
            String to = tokens.get(position).text();
            if (!from.equals(to)) {
                definitions.columnRenames.put(from, to);
                definitions.columns.add(from);
            }
            columnDefinition(definitions);
        } else if (accept("MODIFY")) {
            accept("COLUMN");
            accept("IF", "EXISTS");
            columnDefinition(definitions);
        } else if (accept("ADD")) {
            addClause(definitions);
        } else if (accept("DROP")) {
            dropClause(definitions);
        }
        // Anything else (ALTER COLUMN, options, partitions, FORCE …) changes what tableChanges shows, or nothing.
    }

    /** {@code RENAME COLUMN a TO b}, {@code RENAME INDEX|KEY a TO b}, or {@code RENAME [TO|AS] [db.]name}. */
    private void renameClause(Definitions definitions) throws DdlParseException {
        if (accept("COLUMN")) {
            accept("IF", "EXISTS"); // MariaDB
            String from = identifier("the column's old name");
            expect("TO");
            String to = identifier("the column's new name");
            definitions.columnRenames.put(from, to);
            definitions.columns.add(from);
            definitions.columns.add(to);
        } else if (accept("INDEX") || accept("KEY")) {
            accept("IF", "EXISTS"); // MariaDB
            String from = identifier("the index's old name");
            expect("TO");
            definitions.indexRenames.put(from, identifier("the index's new name"));
        } else {
            if (!accept("TO")) {
                accept("AS");
            }
            definitions.renamedTo = qualifiedName();
        }
        expectEnd("RENAME clause");
    }

    private void addClause(Definitions definitions) throws DdlParseException {
        if (atEnd()) {
            throw error("what the ADD clause adds");
        }
        if (INDEX_CLAUSE_STARTS.stream().anyMatch(this::at)) {
            indexDefinition(definitions);
            return;
        }
        accept("COLUMN");
        if (atPunctuation('(')) {
            // ADD [COLUMN] (c1 def, c2 def): each definition may carry UNIQUE or PRIMARY KEY.
            for (DdlParser column : parenthesised()) {
                column.columnDefinition(definitions);
            }
            return;
        }
        accept("IF", "NOT", "EXISTS");
        columnDefinition(definitions);
    }

    private void dropClause(Definitions definitions) throws DdlParseException {
        if (accept("PRIMARY", "KEY")) {
            definitions.touchesPrimaryKey = true;
        } else if (accept("INDEX") || accept("KEY") || accept("CONSTRAINT")) {
            accept("IF", "EXISTS");
            if (atIdentifier()) {
                definitions.droppedIndexes.add(next().text());
            }
        } else if (Set.of("FOREIGN", "CHECK", "PARTITION", "SYSTEM").stream().noneMatch(this::at)) {
            accept("COLUMN");
            accept("IF", "EXISTS");
            if (atIdentifier()) {
                definitions.columns.add(next().text());
            }
        }
        // DROP FOREIGN KEY fk, DROP CHECK c and partitions change no index tandem creates.
    }

    /**
     * A column definition from its name on: {@code UNIQUE [KEY]} adds a unique index named after the column,
     * {@code PRIMARY KEY} (or {@code KEY} alone, MySQL's shorthand for it) makes it the key.
     */
    private void columnDefinition(Definitions definitions) throws DdlParseException {
        String column = identifier("a column definition");
        definitions.columns.add(column);
        int depth = 0;
        while (!atEnd()) {
            Token token = next();
            if (token.isPunctuation('(')) {
                depth++;
            } else if (token.isPunctuation(')')) {
                depth--;
            } else if (depth == 0 && token.is("DEFAULT") && atPunctuation('(')) {
                // DEFAULT (expression): Debezium's structure carries no value for it.
                definitions.expressionDefaults.add(column);
            } else if (depth == 0 && token.is("REFERENCES")) {
                return; // an inline REFERENCES clause, which MySQL ignores, ends what matters here
            } else if (depth == 0 && token.is("UNIQUE")) {
                definitions.addedIndexes.add(new IndexDefinition(null, true, null, List.of(column), List.of(0)));
                accept("KEY");
            } else if (depth == 0 && (token.is("PRIMARY") || token.is("KEY"))) {
                definitions.touchesPrimaryKey = true;
                if (token.is("PRIMARY")) {
                    accept("KEY");
                }
            }
        }
    }

    /**
     * {@code [CONSTRAINT [symbol]] PRIMARY KEY|UNIQUE|INDEX|KEY|FULLTEXT|SPATIAL|FOREIGN KEY|CHECK …}: an index is
     * added; foreign keys and checks change no index tandem creates.
     */
    private void indexDefinition(Definitions definitions) throws DdlParseException {
        String symbol = null;
        if (accept("CONSTRAINT") && atIdentifier()
                && Set.of("PRIMARY", "UNIQUE", "FOREIGN", "CHECK").stream().noneMatch(this::at)) {
            symbol = next().text();
        }
        if (accept("PRIMARY", "KEY")) {
            definitions.touchesPrimaryKey = true;
            return;
        }
        if (at("FOREIGN") || at("CHECK")) {
            return;
        }
        boolean unique = accept("UNIQUE");
        String kind = null;
        if (!unique && (at("FULLTEXT") || at("SPATIAL"))) {
            kind = next().upper();
        } else if (!unique && !at("INDEX") && !at("KEY")) {
            throw error("an index definition");
        }
        if (!accept("INDEX")) {
            accept("KEY");
        }
        accept("IF", "NOT", "EXISTS");
        String name = symbol;
        if (atIdentifier() && !at("USING")) {
            name = next().text();
        }
        definitions.addedIndexes.add(keyParts(name, unique, kind));
    }

    /** {@code [USING method] (key parts) [USING method] …} from the current position. */
    private IndexDefinition keyParts(String name, boolean unique, String kind) throws DdlParseException {
        String method = kind;
        if (at("USING") && position + 1 < tokens.size()) {
            next();
            String using = next().upper();
            method = method == null ? using : method;
        }
        if (!atPunctuation('(')) {
            throw error("the index's key parts");
        }
        List<String> columns = new ArrayList<>();
        List<Integer> prefixLengths = new ArrayList<>();
        for (DdlParser part : parenthesised()) {
            if (!part.atIdentifier()) {
                columns.add(null); // (expression): a functional key part
                prefixLengths.add(0);
                continue;
            }
            columns.add(part.next().text());
            prefixLengths.add(part.prefixLength());
        }
        while (!atEnd()) {
            if (next().is("USING") && method == null && !atEnd()) {
                method = next().upper();
            }
        }
        return new IndexDefinition(name, unique, method, columns, prefixLengths);
    }

    /** The {@code (n)} after a key part's column, or 0 for the whole column. */
    private int prefixLength() throws DdlParseException {
        if (!atPunctuation('(') || position + 2 >= tokens.size() || !tokens.get(position + 2).isPunctuation(')')) {
            return 0;
        }
        String length = tokens.get(position + 1).text();
        try {
            return Integer.parseInt(length);
        } catch (NumberFormatException e) {
            throw new DdlParseException("a key part's prefix length is not a number: '" + length + "'");
        }
    }

    /** {@code name} or {@code database.name}. */
    private QualifiedName qualifiedName() throws DdlParseException {
        String first = identifier("a table name");
        if (atPunctuation('.') && position + 1 < tokens.size() && tokens.get(position + 1).isIdentifier()) {
            position++;
            return new QualifiedName(first, next().text());
        }
        return QualifiedName.unqualified(first);
    }

    private String identifier(String expected) throws DdlParseException {
        if (!atIdentifier()) {
            throw error(expected);
        }
        return next().text();
    }

    /** Consumes the keywords if they come next, all of them; else consumes nothing. */
    private boolean accept(String... keywords) {
        if (tokens.size() < position + keywords.length) {
            return false;
        }
        for (int i = 0; i < keywords.length; i++) {
            if (!tokens.get(position + i).is(keywords[i])) {
                return false;
            }
        }
        position += keywords.length;
        return true;
    }

    private void expect(String keyword) throws DdlParseException {
        if (!accept(keyword)) {
            throw error(keyword);
        }
    }

    private void expectEnd(String what) throws DdlParseException {
        if (!atEnd()) {
            throw new DdlParseException("unreadable " + what + ": unexpected " + near());
        }
    }

    private boolean at(String keyword) {
        return position < tokens.size() && tokens.get(position).is(keyword);
    }

    private boolean atPunctuation(char c) {
        return position < tokens.size() && tokens.get(position).isPunctuation(c);
    }

    private boolean atIdentifier() {
        return position < tokens.size() && tokens.get(position).isIdentifier();
    }

    private boolean atEnd() {
        return position >= tokens.size();
    }

    private Token next() {
        return tokens.get(position++);
    }

    private DdlParseException error(String expected) {
        return new DdlParseException(expected + " expected, found " + near());
    }

    private String near() {
        return atEnd() ? "the end of the statement" : "'" + tokens.get(position).text() + "'";
    }

    /** The rest of the tokens, one parser per part between top-level separators. */
    private List<DdlParser> rest(char separator) {
        List<DdlParser> parts = new ArrayList<>();
        for (List<Token> part : split(tokens.subList(position, tokens.size()), separator)) {
            parts.add(new DdlParser(part));
        }
        position = tokens.size();
        return parts;
    }

    /**
     * The comma-separated parts of the parenthesised list at the current position, which this parser moves past.
     */
    private List<DdlParser> parenthesised() throws DdlParseException {
        int open = position;
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunctuation('(')) {
                depth++;
            } else if (tokens.get(i).isPunctuation(')') && --depth == 0) {
                position = i + 1;
                List<DdlParser> parts = new ArrayList<>();
                for (List<Token> part : split(tokens.subList(open + 1, i), ',')) {
                    parts.add(new DdlParser(part));
                }
                return parts;
            }
        }
        throw new DdlParseException("unbalanced parentheses");
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

    /** What the definitions and clauses of one CREATE TABLE or ALTER TABLE say, collected while they are read. */
    private static final class Definitions {
        final Map<String, String> columnRenames = new LinkedHashMap<>();
        final List<String> columns = new ArrayList<>();
        final List<String> droppedIndexes = new ArrayList<>();
        final List<IndexDefinition> addedIndexes = new ArrayList<>();
        final Map<String, String> indexRenames = new LinkedHashMap<>();
        final Set<String> expressionDefaults = new HashSet<>();
        boolean touchesPrimaryKey;
        QualifiedName renamedTo;
    }
}
