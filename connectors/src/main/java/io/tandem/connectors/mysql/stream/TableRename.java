package io.tandem.connectors.mysql.stream;

/** One {@code from TO to} of a {@code RENAME TABLE}, or the {@code RENAME TO} of an {@code ALTER TABLE}. */
record TableRename(QualifiedName from, QualifiedName to) {
}
