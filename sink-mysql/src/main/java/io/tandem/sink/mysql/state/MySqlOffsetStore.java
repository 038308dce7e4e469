package io.tandem.sink.mysql.state;

import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.engine.sink.OffsetStore;
import io.tandem.engine.sink.SinkException;
import io.tandem.sink.mysql.error.MySqlErrors;
import io.tandem.sink.mysql.sql.MySqlSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The reverse direction's resume point: the offset the MySQL sink committed last in {@code reverse_offset}, read on
 * a connection of its own in a short transaction of its own. Read-only: only the sink writes it, with the rows.
 */
public final class MySqlOffsetStore implements OffsetStore {

    private final SourceEndpoint endpoint;
    private final ReverseOffsetTable offsets;

    public MySqlOffsetStore(SourceEndpoint endpoint, ReverseOffsetTable offsets) {
        this.endpoint = endpoint;
        this.offsets = offsets;
    }

    @Override
    public Optional<Map<String, Object>> committedOffset(Map<String, ?> partition) {
        try (Connection connection = MySqlSession.open(endpoint)) {
            try {
                return offsets.read(connection, partition);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new SinkException("cannot read the reverse offset from MySQL: " + MySqlErrors.describe(e),
                    MySqlErrors.isRetryable(e), e);
        }
    }
}
