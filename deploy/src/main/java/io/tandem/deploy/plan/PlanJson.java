package io.tandem.deploy.plan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.connectors.mysql.plan.MigrationPlan;
import java.io.UncheckedIOException;

/**
 * {@code tandem plan --json}: the plan's record tree as JSON, field for field (the shape is documented in the
 * README, "Planning a migration"), plus {@code formatVersion}, {@code blocked}, {@code names} (the identifiers not
 * kept verbatim) and {@code wayBack} (null when failback is not enabled). The target table model is left out: {@code --ddl} shows it as SQL.
 */
public final class PlanJson {

    /** Raised when a field is renamed or removed, so consumers can tell. */
    static final int FORMAT_VERSION = 1;

    @JsonIgnoreProperties("target")
    private interface WithoutTarget {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(MigrationPlan.TablePlan.class, WithoutTarget.class)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String render(MigrationPlan plan) {
        return render(plan, null);
    }

    /** @param wayBack null when failback is not enabled */
    public static String render(MigrationPlan plan, WayBackPlan wayBack) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("blocked", plan.blocked());
        root.setAll((ObjectNode) MAPPER.valueToTree(plan));
        root.set("names", MAPPER.valueToTree(PlanNames.renamed(plan)));
        root.set("wayBack", MAPPER.valueToTree(wayBack));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
