package io.tandem.cutover.gate;

import io.tandem.connectors.mysql.admin.ReadOnlyBypass;
import io.tandem.connectors.mysql.admin.SourceFreeze;
import io.tandem.cutover.GateCheck;
import io.tandem.cutover.TargetConnections;
import io.tandem.cutover.postgres.TargetGate;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The application can be held on both sides: its source accounts exist and {@code read_only} stops them, its
 * PostgreSQL roles are ordinary roles that cannot write on the replicated tables yet (the fence against early
 * writes, which tandem sets at start).
 */
public final class ApplicationFenced implements GateCheck {

    private final SourceFreeze freeze;
    private final TargetConnections target;
    private final Supplier<TargetGate> gate;

    public ApplicationFenced(SourceFreeze freeze, TargetConnections target, Supplier<TargetGate> gate) {
        this.freeze = freeze;
        this.target = target;
        this.gate = gate;
    }

    @Override
    public Result evaluate() {
        List<String> problems = new ArrayList<>();
        String others = "";
        try {
            List<ReadOnlyBypass.Grant> bypassing = freeze.bypassAccounts();
            if (!bypassing.isEmpty()) {
                // Not a refusal: an administrator's write after the fence makes the drain step abort, safely.
                others = "; read_only does not stop " + bypassing.stream().map(ReadOnlyBypass.Grant::toString)
                        .distinct().limit(10).toList() + " (keep them from writing during the cutover)";
            }
            for (ReadOnlyBypass.Grant grant : freeze.appAccountsBypassing()) {
                problems.add("source account " + grant + " is not stopped by read_only");
            }
            try (Connection connection = target.open()) {
                TargetGate roles = gate.get();
                problems.addAll(roles.refusals(connection));
                roles.writesHeld(connection).forEach(held -> problems.add("already writable on PostgreSQL: " + held));
            }
        } catch (Exception e) {
            problems.add("cannot check the application's accounts: " + e.getMessage());
        }
        return problems.isEmpty() ? Result.pass("application accounts", "held by read_only on the source; no "
                + "writes on PostgreSQL yet" + others) : Result.fail("application accounts", String.join("; ", problems));
    }
}
