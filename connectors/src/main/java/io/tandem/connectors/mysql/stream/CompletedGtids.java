package io.tandem.connectors.mysql.stream;

import io.debezium.connector.binlog.gtid.GtidSet;
import io.debezium.connector.mariadb.gtid.MariaDbGtidSet;
import io.debezium.connector.mysql.gtid.MySqlGtidSet;
import io.tandem.connectors.mysql.jdbc.Flavor;

/** GTID sets in the notation of the server's flavor, as Debezium's offsets write them. */
final class CompletedGtids {

    private CompletedGtids() {
    }

    /** {@code completed} with {@code transaction} added: the set once that transaction has completed. */
    static String with(Flavor flavor, String completed, String transaction) {
        return parse(flavor, completed).with(parse(flavor, transaction)).toString();
    }

    private static GtidSet parse(Flavor flavor, String gtids) {
        return flavor == Flavor.MARIADB ? new MariaDbGtidSet(gtids) : new MySqlGtidSet(gtids);
    }
}
