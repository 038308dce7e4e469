package io.tandem.deploy.replication;

import io.tandem.connectors.mysql.resync.ResyncStatus;
import io.tandem.engine.control.ConflictException;
import io.tandem.engine.control.ControlException;
import io.tandem.engine.control.ControlRequest;
import io.tandem.engine.control.ControlResponse;
import io.tandem.engine.control.ControlServer;
import io.tandem.engine.control.StatusSections;
import io.tandem.engine.model.TableId;
import io.tandem.engine.resync.Resync;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code POST /resync} asks forward replication to copy one replicated table again from the source, online (202 once
 * the request is durable; the copy runs in the background); {@code GET /resync} lists the resyncs, unfinished first,
 * also under {@code resync} in {@code /status}.
 *
 * <p>The table is named exactly by {@code {"database": "shop", "table": "orders"}} (or {@code ?database=&table=}),
 * or as {@code {"table": "shop.orders"}} (or {@code ?table=shop.orders}), split at the first dot: table names with
 * dots work that way, a database name with a dot needs the exact form.
 */
public final class ResyncRoutes {

    /** The phases of {@link ResyncStatus} after which nothing is left to do. */
    private static final Set<String> FINISHED = Set.of("swapped", "dropped");

    /** What {@code POST /resync} reads: {@code database} null when {@code table} is {@code db.table}. */
    record Request(String database, String table) {
    }

    /** The reply to {@code POST /resync}: the request, or the table's unfinished resync that will hold it. */
    public record Requested(long id, TableId table, String phase, String reason, Instant requestedAt) {
    }

    private ResyncRoutes() {
    }

    /**
     * @param request {@link ForwardReplication#resync}: throws IllegalStateException when forward replication does
     *     not stream, IllegalArgumentException when it does not replicate the table
     * @param status {@link ForwardReplication#resyncStatus}
     */
    public static void register(ControlServer server, StatusSections sections, Function<TableId, Resync> request,
                                Supplier<List<ResyncStatus>> status) {
        server.route("POST", "/resync", http -> {
            TableId table = table(http);
            Resync resync;
            try {
                resync = request.apply(table);
            } catch (IllegalStateException e) {
                throw new ConflictException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ControlException(400, e.getMessage());
            }
            return ControlResponse.json(202, new Requested(resync.id(), resync.table(), resync.phase().name(),
                    resync.reason(), resync.requestedAt()));
        });
        server.route("GET", "/resync", http -> ControlResponse.json(200, status.get()));
        sections.add("resync", status);
    }

    /** The resyncs in {@code all} that are not finished: waiting, copying, copied (not swapped in yet) or failed. */
    public static List<ResyncStatus> unfinished(List<ResyncStatus> all) {
        return all.stream().filter(resync -> !FINISHED.contains(resync.phase())).toList();
    }

    /** The table a request names, from its JSON body or else its query. */
    static TableId table(ControlRequest http) {
        Request named = http.hasBody() ? http.bodyAs(Request.class)
                : new Request(http.query().get("database"), http.query().get("table"));
        if (named.table() == null || named.table().isBlank()) {
            throw new ControlException(400, "name the table to copy again: {\"database\": \"shop\", \"table\": "
                    + "\"orders\"}, or {\"table\": \"shop.orders\"} (split at the first dot), or ?table=shop.orders");
        }
        if (named.database() != null) {
            if (named.database().isBlank()) {
                throw new ControlException(400, "\"database\" is blank; name the table's database, or leave it out "
                        + "and send \"table\": \"database.table\"");
            }
            return new TableId(named.database(), named.table());
        }
        try {
            return TableId.parse(named.table());
        } catch (IllegalArgumentException e) {
            throw new ControlException(400, e.getMessage() + "; send {\"table\": \"database.table\"}, or "
                    + "{\"database\": \"…\", \"table\": \"…\"} for a name with dots");
        }
    }
}
