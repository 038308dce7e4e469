package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.TableId;
import java.util.Collection;
import java.util.Optional;

/**
 * Reads the table ids of Debezium's {@code tableChanges}, which it writes with
 * {@code io.debezium.relational.TableId.toDoubleQuotedString()}: {@code "db"."table"}, an embedded {@code "}
 * doubled. That writer leaves a name part unquoted when it begins or ends with a double quote, so a table named
 * {@code "x} comes out as {@code "db"."x}, which Debezium's {@code TableId.parse} rejects ({@code Invalid
 * identifier}, {@code Unexpected input: …}), and one named {@code "x"} as {@code "db"."x"}, which it reads as
 * {@code x}. The text cannot be parsed back exactly, so it is matched instead: against the tables the statement
 * names and the tables tandem replicates, rendered the way Debezium renders them.
 */
final class DebeziumTableIds {

    private DebeziumTableIds() {
    }

    /** {@code id} as Debezium writes it into {@code tableChanges}. */
    static String render(TableId id) {
        return new io.debezium.relational.TableId(id.database(), null, id.table()).toDoubleQuotedString();
    }

    /** Whether Debezium's own {@code TableId.parse} reads {@code debeziumId} back as the table it was written for. */
    static boolean readsBack(String debeziumId) {
        return parse(debeziumId).isPresent();
    }

    /**
     * @param candidates in order of preference: a table the statement names comes before the other tables, so that
     *     of two tables Debezium writes alike ({@code x} and {@code "x"}) the one the statement is about wins
     * @return the table {@code debeziumId} stands for; empty when no candidate renders to it and parsing it does not
     *     give a table that renders back to it
     */
    static Optional<TableId> resolve(String debeziumId, Collection<TableId> candidates) {
        for (TableId candidate : candidates) {
            if (render(candidate).equals(debeziumId)) {
                return Optional.of(candidate);
            }
        }
        return parse(debeziumId);
    }

    /** The table Debezium's parser reads from {@code debeziumId}, if that is the table Debezium wrote it for. */
    private static Optional<TableId> parse(String debeziumId) {
        try {
            io.debezium.relational.TableId parsed = io.debezium.relational.TableId.parse(debeziumId);
            if (parsed == null || parsed.catalog() == null || parsed.schema() != null) {
                return Optional.empty();
            }
            TableId id = new TableId(parsed.catalog(), parsed.table());
            return render(id).equals(debeziumId) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a name beginning or ending with a double quote, not among the candidates
        }
    }
}
