package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;
import java.util.Objects;

/**
 * A fence token written on the source (control database, table {@code fence}) as it came through the binlog. Binlog
 * order is commit order, so once the sink has committed the token every source transaction that committed before
 * it is on the target too: the drain sentinel of a cutover, and of tests that wait for the target to catch up.
 */
public record FenceToken(String token, SourcePosition position) implements ChangeEvent {

    public FenceToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public long estimatedBytes() {
        return 48 + token.length();
    }
}
