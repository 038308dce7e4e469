package io.tandem.sink.postgres.copy;

import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.DeadLetterListener;
import io.tandem.engine.values.ValuePolicyListener;
import java.util.Objects;

/**
 * How every table load runs, the snapshot's and a resync's alike.
 *
 * @param bufferBytes the COPY buffer, handed to the server whenever it fills
 * @param onBadRow for a table copied through a staging table ({@link StagedCopy}), whether rows the target refuses
 *     fail the copy or are recorded in {@code tandem.dead_letter}
 * @param deadLetters told about dead-lettered rows once their copy has committed
 * @param valuePolicies told about rows value policies changed or refused, once their copy has committed
 */
public record CopySettings(int bufferBytes, BadRowPolicy onBadRow, DeadLetterListener deadLetters,
                           ValuePolicyListener valuePolicies) {

    public CopySettings {
        Objects.requireNonNull(onBadRow, "onBadRow");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(valuePolicies, "valuePolicies");
    }
}
