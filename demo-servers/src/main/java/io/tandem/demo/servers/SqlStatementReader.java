package io.tandem.demo.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * Splits a MySQL script into statements the way the {@code mysql} command-line client does: a
 * {@code DELIMITER} line changes the terminator (routines and triggers contain {@code ;}); plain
 * comments ({@code -- }, {@code #}, {@code /* *}{@code /}) are dropped; conditional comments
 * ({@code /*!40101 ... *}{@code /}, {@code /*M!...}) are kept because the server executes them;
 * quotes, backticks, backslash escapes and doubled quotes hide terminators. Reads line by line, so
 * a script of any size streams through.
 */
final class SqlStatementReader {

    /** One statement without its terminator, and the 1-based line where it starts. */
    record Statement(String sql, int line) {
    }

    private enum State { CODE, SINGLE_QUOTE, DOUBLE_QUOTE, BACKTICK, COMMENT, CONDITIONAL_COMMENT }

    private final BufferedReader reader;
    private final StringBuilder statement = new StringBuilder();
    private String delimiter = ";";
    private State state = State.CODE;
    private int lineNumber;
    private int statementLine;
    private String line;
    private int position;

    SqlStatementReader(Reader reader) {
        this.reader = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    }

    /** The next statement, or null at the end of the script. */
    Statement next() throws IOException {
        while (true) {
            if (line == null || position >= line.length()) {
                line = readLineWithTerminator();
                position = 0;
                if (line == null) {
                    return takeStatement();
                }
                lineNumber++;
                if (state == State.CODE && isBlank(statement) && changesDelimiter(line)) {
                    position = line.length();
                    continue;
                }
            }
            if (scanUntilDelimiter()) {
                Statement complete = takeStatement();
                if (complete != null) {
                    return complete;
                }
            }
        }
    }

    /**
     * Consumes the current line from {@link #position}; true when it stopped right after a delimiter.
     */
    private boolean scanUntilDelimiter() {
        while (position < line.length()) {
            char c = line.charAt(position);
            switch (state) {
                case CODE -> {
                    if (line.startsWith(delimiter, position)) {
                        position += delimiter.length();
                        return true;
                    }
                    scanCode(c);
                }
                case SINGLE_QUOTE -> scanQuoted(c, '\'', true);
                case DOUBLE_QUOTE -> scanQuoted(c, '"', true);
                case BACKTICK -> scanQuoted(c, '`', false);
                case COMMENT -> {
                    if (line.startsWith("*/", position)) {
                        state = State.CODE;
                        position += 2;
                    } else {
                        position++;
                    }
                }
                case CONDITIONAL_COMMENT -> {
                    if (line.startsWith("*/", position)) {
                        state = State.CODE;
                        append("*/");
                        position += 2;
                    } else {
                        append(c);
                        position++;
                    }
                }
                default -> throw new IllegalStateException("unexpected state " + state);
            }
        }
        return false;
    }

    private void scanCode(char c) {
        if (c == '#' || (line.startsWith("--", position) && isCommentAfterDashes())) {
            append('\n');
            position = line.length();
        } else if (line.startsWith("/*!", position) || line.startsWith("/*M!", position)) {
            state = State.CONDITIONAL_COMMENT;
            int opening = line.startsWith("/*!", position) ? 3 : 4;
            append(line.substring(position, position + opening));
            position += opening;
        } else if (line.startsWith("/*", position)) {
            state = State.COMMENT;
            append(' ');
            position += 2;
        } else {
            if (c == '\'') {
                state = State.SINGLE_QUOTE;
            } else if (c == '"') {
                state = State.DOUBLE_QUOTE;
            } else if (c == '`') {
                state = State.BACKTICK;
            }
            append(c);
            position++;
        }
    }

    /** MySQL needs whitespace (or the end of the line) after {@code --}; {@code 5--1} is arithmetic. */
    private boolean isCommentAfterDashes() {
        int after = position + 2;
        return after >= line.length() || Character.isWhitespace(line.charAt(after));
    }

    private void scanQuoted(char c, char quote, boolean backslashEscapes) {
        append(c);
        position++;
        if (backslashEscapes && c == '\\' && position < line.length()) {
            append(line.charAt(position));
            position++;
        } else if (c == quote) {
            if (position < line.length() && line.charAt(position) == quote) {
                append(quote);
                position++;
            } else {
                state = State.CODE;
            }
        }
    }

    private boolean changesDelimiter(String text) {
        String trimmed = text.strip();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith("delimiter")) {
            return false;
        }
        String rest = trimmed.substring("delimiter".length());
        if (rest.isEmpty() || !Character.isWhitespace(rest.charAt(0))) {
            return false;
        }
        delimiter = rest.strip().split("\\s+")[0];
        return true;
    }

    private void append(char c) {
        if (statement.length() == 0 && Character.isWhitespace(c)) {
            return;
        }
        if (statement.length() == 0) {
            statementLine = lineNumber;
        }
        statement.append(c);
    }

    private void append(String text) {
        for (int i = 0; i < text.length(); i++) {
            append(text.charAt(i));
        }
    }

    private Statement takeStatement() {
        String sql = statement.toString().strip();
        statement.setLength(0);
        return sql.isEmpty() ? null : new Statement(sql, statementLine);
    }

    /** Keeps {@code \r\n} or {@code \n}: line breaks inside string literals are data. */
    private String readLineWithTerminator() throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1) {
            text.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    private static boolean isBlank(CharSequence text) {
        return text.toString().isBlank();
    }
}
