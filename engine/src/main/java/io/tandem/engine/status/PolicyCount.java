package io.tandem.engine.status;

/**
 * Rows of one source column whose value a policy ({@code values:}) changed or refused, since tandem started.
 *
 * @param table the source table, {@code db.table}
 * @param reason {@code zero-date} or {@code nul-character}
 * @param action {@code null}, {@code -infinity}, {@code strip} or {@code dead-letter}
 */
public record PolicyCount(String table, String column, String reason, String action, long rows) {
}
