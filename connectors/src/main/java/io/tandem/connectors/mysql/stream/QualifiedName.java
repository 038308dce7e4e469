package io.tandem.connectors.mysql.stream;

import io.tandem.engine.model.TableId;
import java.util.Objects;

/**
 * A table name as a statement writes it: {@code name} or {@code database.name}.
 *
 * @param database the database written before the dot, or empty when the statement leaves it to its default
 *     database (MySQL has no empty database name, so empty cannot mean anything else)
 */
record QualifiedName(String database, String name) {

    QualifiedName {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(name, "name");
    }

    static QualifiedName unqualified(String name) {
        return new QualifiedName("", name);
    }

    boolean qualified() {
        return !database.isEmpty();
    }

    /** The table this name means when the statement runs with {@code defaultDatabase} selected. */
    TableId in(String defaultDatabase) {
        return new TableId(qualified() ? database : defaultDatabase, name);
    }

    @Override
    public String toString() {
        return qualified() ? database + "." + name : name;
    }
}
