package io.tandem.connectors.mysql.admin;

import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.engine.config.CutoverConfig;
import io.tandem.engine.config.Secret;
import java.util.List;

/**
 * The login that freezes the source: {@code cutover.source-admin} when set, else the replication login itself.
 * The replication account lacks what the freeze needs (setting {@code read_only}, {@code ALTER USER}, {@code KILL},
 * writing the fence while read-only), so a deployment either grants those to {@code source.user} or names a
 * separate, more privileged login here that is used only during the cutover. Host, port, flavor and TLS settings
 * are the replication connection's.
 */
public final class SourceAdminLogin {

    private SourceAdminLogin() {
    }

    public static SourceEndpoint endpoint(SourceEndpoint replication, CutoverConfig cutover) {
        return cutover.sourceAdmin()
                .map(admin -> new SourceEndpoint(replication.flavor(), replication.host(), replication.port(),
                        admin.user(), admin.password().orElse(Secret.of("")), replication.driverProperties()))
                .orElse(replication);
    }

    /** {@code cutover.source-app-accounts} as accounts; the config has already checked their spelling. */
    public static List<SourceAccount> appAccounts(CutoverConfig cutover) {
        return cutover.sourceAppAccounts().stream().map(SourceAccount::parse).toList();
    }
}
