/**
 * The last stage of the reverse flow: {@link io.tandem.sink.mysql.apply.MySqlTableWriter} writes one table's rows
 * to MySQL inside the applier's transaction, with statements from {@code sql} and values from {@code values}.
 */
package io.tandem.sink.mysql.apply;
