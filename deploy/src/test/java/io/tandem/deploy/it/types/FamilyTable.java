package io.tandem.deploy.it.types;

import io.tandem.demo.servers.Flavor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The source table of one {@link TypeFamily} and what its rows must look like on the target after each
 * {@link Phase}. Case {@code i} (from 0) is row {@code i + 1} in the snapshot and row {@code i + 1001} when
 * streamed; it sets only its own column, so every other column of its row checks NULL on the way.
 */
final class FamilyTable {

    static final int STREAMED_ID_OFFSET = 1000;

    /** A statement to run on the source, and the session {@code sql_mode} it needs (null: the server's). */
    record SourceWrite(String sql, String sqlMode) {
    }

    private final TypeFamily family;
    private final String name;
    private final boolean createdWhileStreaming;
    private final Flavor flavor;
    /** Column name by definition, in the order the definitions first appear. */
    private final Map<String, String> columnByDefinition = new LinkedHashMap<>();

    /**
     * @param createdWhileStreaming whether the table is created while the engine streams (its structure then comes
     *     from Debezium's parse of the CREATE TABLE statement, not from the server's catalog) rather than before
     *     the snapshot
     */
    FamilyTable(TypeFamily family, Flavor flavor, boolean createdWhileStreaming) {
        this.family = family;
        this.name = createdWhileStreaming ? family.name() + "_live" : family.name();
        this.createdWhileStreaming = createdWhileStreaming;
        this.flavor = flavor;
        for (TypeCase c : family.cases()) {
            columnByDefinition.computeIfAbsent(c.definition(), d -> "c" + (columnByDefinition.size() + 1));
        }
    }

    String name() {
        return name;
    }

    TypeFamily family() {
        return family;
    }

    boolean createdWhileStreaming() {
        return createdWhileStreaming;
    }

    /** The target columns the suite reads, after {@code id}. */
    List<String> columns() {
        List<String> columns = new ArrayList<>(columnByDefinition.values());
        family.generated().forEach(g -> columns.add(g.name()));
        return columns;
    }

    /** What column {@code index} of {@link #columns()} is on the source, for failure messages. */
    String describeColumn(int index) {
        List<String> definitions = new ArrayList<>(columnByDefinition.keySet());
        return index < definitions.size() ? definitions.get(index)
                : family.generated().get(index - definitions.size()).definition();
    }

    String createTable() {
        StringBuilder sql = new StringBuilder("CREATE TABLE `" + name + "` (id INT PRIMARY KEY");
        columnByDefinition.forEach((definition, column) ->
                sql.append(", `").append(column).append("` ").append(definition));
        family.generated().forEach(g -> sql.append(", `").append(g.name()).append("` ").append(g.definition()));
        return sql.append(") DEFAULT CHARSET utf8mb4").toString();
    }

    /** One INSERT per case, each row keyed {@code case index + 1 + idOffset}. */
    List<SourceWrite> inserts(int idOffset) {
        List<SourceWrite> writes = new ArrayList<>();
        List<TypeCase> cases = family.cases();
        for (int i = 0; i < cases.size(); i++) {
            TypeCase c = cases.get(i);
            writes.add(new SourceWrite("INSERT INTO `" + name + "` (id, `" + column(c) + "`) VALUES ("
                    + (i + 1 + idOffset) + ", " + c.literal() + ")", c.sqlMode()));
        }
        return writes;
    }

    /** Both rows of each case set to its partner's value ({@link #partner}), or NULL when it has none. */
    List<SourceWrite> updates() {
        List<SourceWrite> writes = new ArrayList<>();
        List<TypeCase> cases = family.cases();
        for (int i = 0; i < cases.size(); i++) {
            TypeCase partner = partner(i);
            writes.add(new SourceWrite("UPDATE `" + name + "` SET `" + column(cases.get(i)) + "` = "
                    + (partner == null ? "NULL" : partner.literal()) + " WHERE id IN (" + (i + 1) + ", "
                    + (i + 1 + STREAMED_ID_OFFSET) + ")", partner == null ? null : partner.sqlMode()));
        }
        return writes;
    }

    /** Deletes both rows of every case with an odd index. */
    SourceWrite deletes() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < family.cases().size(); i += 2) {
            ids.add(Integer.toString(i + 1));
            ids.add(Integer.toString(i + 1 + STREAMED_ID_OFFSET));
        }
        return new SourceWrite(ids.isEmpty() ? "DO 0"
                : "DELETE FROM `" + name + "` WHERE id IN (" + String.join(", ", ids) + ")", null);
    }

    /** The rows the target must hold after {@code phase}: id → PostgreSQL text per {@link #columns()} entry. */
    Map<Integer, List<String>> expected(Phase phase) {
        Map<Integer, List<String>> rows = new TreeMap<>();
        List<TypeCase> cases = family.cases();
        for (int i = 0; i < cases.size(); i++) {
            if (phase == Phase.STREAMED_DELETE && i % 2 == 1) {
                continue;
            }
            TypeCase valueCase = phase.compareTo(Phase.STREAMED_UPDATE) >= 0 ? partner(i) : cases.get(i);
            List<String> row = expectedRow(cases.get(i), valueCase);
            rows.put(i + 1, row);
            if (phase != Phase.SNAPSHOT) {
                rows.put(i + 1 + STREAMED_ID_OFFSET, row);
            }
        }
        return rows;
    }

    /** The source literal behind the value expected in {@code id}'s row after {@code phase}, for failure messages. */
    String describeValue(int id, Phase phase) {
        int index = (id > STREAMED_ID_OFFSET ? id - STREAMED_ID_OFFSET : id) - 1;
        if (index < 0 || index >= family.cases().size()) {
            return "no such case";
        }
        TypeCase valueCase = phase.compareTo(Phase.STREAMED_UPDATE) >= 0 ? partner(index) : family.cases().get(index);
        return valueCase == null ? "NULL" : valueCase.toString();
    }

    private List<String> expectedRow(TypeCase rowCase, TypeCase valueCase) {
        List<String> row = new ArrayList<>();
        String value = valueCase == null ? null : valueCase.expectedOn(flavor);
        for (String column : columnByDefinition.values()) {
            row.add(column.equals(column(rowCase)) ? value : null);
        }
        String first = row.get(0);
        family.generated().forEach(g -> row.add(g.expected().apply(first)));
        return row;
    }

    /** The next case after {@code index} (wrapping around) with the same definition, or null if there is none. */
    private TypeCase partner(int index) {
        List<TypeCase> cases = family.cases();
        for (int step = 1; step < cases.size(); step++) {
            TypeCase other = cases.get((index + step) % cases.size());
            if (other.definition().equals(cases.get(index).definition())) {
                return other;
            }
        }
        return null;
    }

    /** The source column that holds case {@code c}'s value. */
    String column(TypeCase c) {
        return columnByDefinition.get(c.definition());
    }
}
