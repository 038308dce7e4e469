package io.tandem.connectors.postgres.stream;

/**
 * A relation on PostgreSQL no longer matches tandem's definition of it (a column added, dropped, renamed or of
 * another type), or a relation of the publication is not one tandem replicates, while the way back is armed. The
 * reverse direction replicates exactly the tables tandem created, so it stops rather than diverge.
 */
public final class SchemaChangedException extends IllegalStateException {

    private final String relation;
    private final String difference;

    SchemaChangedException(String relation, String difference) {
        super("relation " + relation + " changed on PostgreSQL while the way back is armed: " + difference);
        this.relation = relation;
        this.difference = difference;
    }

    /** The same difference, said to be seen at {@code position} (a change's LSN). */
    SchemaChangedException at(Object position) {
        return new SchemaChangedException(relation, difference + " (at " + position + ")");
    }

    /** {@code schema.table} on PostgreSQL. */
    public String relation() {
        return relation;
    }
}
