package io.tandem.connectors.mysql.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The privileges in {@code SHOW GRANTS} output, as far as tandem needs them: global ones, database-level ones
 * (whose database names may be {@code LIKE} patterns with {@code \_} and {@code \%} escapes), the databases that
 * have only table-level grants, and granted role names.
 *
 * <p>Names are normalised to one spelling: {@code ALL} is {@code ALL PRIVILEGES}, and MySQL 8.0.26 / MariaDB
 * 10.5's {@code REPLICATION REPLICA} is {@code REPLICATION SLAVE}.
 */
final class Grants {

    static final String ALL = "ALL PRIVILEGES";

    private final Set<String> global = new HashSet<>();
    private final List<DatabaseGrant> databases = new ArrayList<>();
    private final Set<String> tableLevelDatabases = new HashSet<>();
    private final List<String> roles = new ArrayList<>();

    private record DatabaseGrant(Pattern database, Set<String> privileges) {
    }

    static Grants parse(List<String> lines) {
        Grants grants = new Grants();
        for (String line : lines) {
            grants.add(line.trim());
        }
        return grants;
    }

    /** Whether the account holds {@code privilege} on {@code *.*}, directly or through ALL PRIVILEGES. */
    boolean hasGlobal(String privilege) {
        return global.contains(privilege) || global.contains(ALL);
    }

    /** Whether the account may read every table of {@code database}: SELECT (or ALL) globally or on the database. */
    boolean canSelect(String database) {
        if (hasGlobal("SELECT")) {
            return true;
        }
        return databases.stream().anyMatch(g -> g.database.matcher(database).matches()
                && (g.privileges.contains("SELECT") || g.privileges.contains(ALL)));
    }

    /** Which of {@code privileges} the account lacks on {@code database}: held neither globally nor on it. */
    List<String> missingOn(String database, List<String> privileges) {
        return privileges.stream().filter(privilege -> !hasGlobal(privilege)
                && databases.stream().noneMatch(g -> g.database.matcher(database).matches()
                        && (g.privileges.contains(privilege) || g.privileges.contains(ALL)))).toList();
    }

    /** Whether some grant names single tables of {@code database} (which covers only those tables). */
    boolean hasTableLevelGrants(String database) {
        return tableLevelDatabases.contains(database);
    }

    List<String> roles() {
        return roles;
    }

    private void add(String line) {
        if (!line.regionMatches(true, 0, "GRANT ", 0, 6)) {
            return; // SET DEFAULT ROLE and the like
        }
        int on = indexOfKeyword(line, " ON ", 6);
        int to = indexOfKeyword(line, " TO ", on < 0 ? 6 : on + 4);
        if (to < 0) {
            return;
        }
        if (on < 0) {
            for (String role : splitTopLevel(line.substring(6, to))) {
                roles.add(role.trim());
            }
            return;
        }
        Set<String> privileges = new HashSet<>();
        for (String privilege : splitTopLevel(line.substring(6, on))) {
            if (privilege.indexOf('(') < 0) { // column-level privileges cover single columns only
                privileges.add(normalise(privilege));
            }
        }
        addObject(line.substring(on + 4, to).trim(), privileges);
    }

    private void addObject(String object, Set<String> privileges) {
        String upper = object.toUpperCase(Locale.ROOT);
        if (upper.startsWith("PROCEDURE ") || upper.startsWith("FUNCTION ") || upper.startsWith("PACKAGE")) {
            return;
        }
        if (object.equals("*.*")) {
            global.addAll(privileges);
            return;
        }
        int dot = indexOfKeyword(object, ".", 0);
        if (dot < 0) {
            return; // "ON *" or a bare table name: relative to a default database SHOW GRANTS never prints
        }
        String database = unquote(object.substring(0, dot));
        String table = object.substring(dot + 1);
        if (table.equals("*")) {
            databases.add(new DatabaseGrant(likePattern(database), privileges));
        } else if (privileges.contains("SELECT") || privileges.contains(ALL)) {
            tableLevelDatabases.add(database);
        }
    }

    static String normalise(String privilege) {
        String name = privilege.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" -> ALL;
            case "REPLICATION REPLICA" -> "REPLICATION SLAVE";
            default -> name;
        };
    }

    /** The index of {@code keyword} outside quotes, backticks and parentheses, or -1. */
    static int indexOfKeyword(String text, String keyword, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = Math.max(from, 0); i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: same effect
                }
            } else if (c == '`' || c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && text.regionMatches(true, i, keyword, 0, keyword.length())) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String list) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int comma;
        while ((comma = indexOfKeyword(list, ",", start)) >= 0) {
            parts.add(list.substring(start, comma));
            start = comma + 1;
        }
        parts.add(list.substring(start));
        return parts;
    }

    static String unquote(String name) {
        String trimmed = name.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("`") && trimmed.endsWith("`")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("``", "`");
        }
        return trimmed;
    }

    /** A database-level grant's name as a pattern: unescaped {@code _} and {@code %} are wildcards. */
    static Pattern likePattern(String database) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < database.length(); i++) {
            char c = database.charAt(i);
            if (c == '\\' && i + 1 < database.length()) {
                regex.append(Pattern.quote(String.valueOf(database.charAt(++i))));
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '%') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
