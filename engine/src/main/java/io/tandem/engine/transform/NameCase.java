package io.tandem.engine.transform;

import io.tandem.engine.config.ConfigEnum;

/**
 * How source identifiers become PostgreSQL identifiers ({@code names.case}).
 *
 * <p>{@link #LOWER} folds ASCII letters to lower case, as PostgreSQL folds unquoted identifiers, so that SQL written
 * against the target without quotes finds the tables and columns; a name keeps its case when folding it would make
 * it equal to another name of the same scope. {@link #KEEP} keeps every name as the source spells it (SQL on the
 * target then has to quote names with upper-case letters).
 */
public enum NameCase implements ConfigEnum { LOWER, KEEP }
