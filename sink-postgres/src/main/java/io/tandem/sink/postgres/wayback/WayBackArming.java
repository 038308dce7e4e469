package io.tandem.sink.postgres.wayback;

import io.tandem.engine.transform.TargetTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arms the way back on PostgreSQL, days before cutover (CUTOVER.md §7 P3–P5), as one idempotent sequence that a
 * later run repeats to pick up new tables or finish what a busy table held back. The order matters:
 * <ol>
 * <li>control tables, because they are published too;</li>
 * <li>replica identity FULL <em>before</em> publishing: a published keyless table without an identity makes
 *     PostgreSQL reject its UPDATE and DELETE, which would break the forward sink (§1.4). A table still busy is
 *     therefore left out of the publication until a later run;</li>
 * <li>the publication <em>before</em> the slot: pgoutput reads the publication as of each decoded change, so one
 *     created after the slot's start is missing for the changes before it;</li>
 * <li>the forward origins, so the forward sink can tag its sessions;</li>
 * <li>the slot last, asynchronously: its creation may wait for hours on open transactions (see
 *     {@link ReverseSlot#state()}).</li>
 * </ol>
 */
public final class WayBackArming {

    private static final Logger LOG = LoggerFactory.getLogger(WayBackArming.class);

    /**
     * @param identity what the replica-identity step did; its busy tables are not published yet
     * @param slot the slot's state on return, typically CREATING on a first run
     */
    public record Report(ReplicaIdentity.Result identity, ReversePublication.Change publication,
                         List<String> originsCreated, SlotState slot) {

        /** Whether nothing is left for a later run: every table published, the slot ready. */
        public boolean complete() {
            return identity.busy().isEmpty() && slot.phase() == SlotState.Phase.READY;
        }
    }

    private final TargetConnector connector;
    private final ReplicaIdentity identity;
    private final ReversePublication publication;
    private final int forwardOrigins;
    private final ReverseSlot slot;

    public WayBackArming(TargetConnector connector, ReplicaIdentity identity, ReversePublication publication,
                         int forwardOrigins, ReverseSlot slot) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.publication = Objects.requireNonNull(publication, "publication");
        this.slot = Objects.requireNonNull(slot, "slot");
        this.forwardOrigins = forwardOrigins;
        ForwardOrigins.names(forwardOrigins); // validates the count
    }

    public Report arm(Collection<TargetTable> replicated) throws SQLException, InterruptedException {
        List<PublishedTable> tables = ReversePublication.tablesFor(replicated);
        try (Connection connection = connector.open()) {
            connection.setAutoCommit(true);
            ReverseControlTables.create(connection);
            ReplicaIdentity.Result identities = identity.ensureFull(connection, tables);
            List<PublishedTable> publishable = tables.stream().filter(t -> !identities.busy().contains(t)).toList();
            ReversePublication.Change change = publication.ensure(connection, publishable);
            List<String> created = ForwardOrigins.ensure(connection, forwardOrigins);
            Report report = new Report(identities, change, created, slot.start());
            LOG.info("way back armed {}: {} tables published, replica identity set on {}, {} busy, origins created "
                    + "{}, slot {} {}", report.complete() ? "completely" : "in part", publishable.size(),
                    identities.changed(), identities.busy(), created, slot.name(), report.slot().phase());
            return report;
        }
    }
}
