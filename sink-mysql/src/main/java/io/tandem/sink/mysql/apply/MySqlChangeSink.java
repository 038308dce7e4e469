package io.tandem.sink.mysql.apply;

import com.zaxxer.hikari.HikariDataSource;
import io.tandem.connectors.mysql.admin.ControlTables;
import io.tandem.connectors.mysql.jdbc.ServerInfo;
import io.tandem.connectors.mysql.jdbc.SourceEndpoint;
import io.tandem.engine.change.ChangeEvent;
import io.tandem.engine.model.SourcePosition;
import io.tandem.engine.sink.BadRowPolicy;
import io.tandem.engine.sink.ChangeSink;
import io.tandem.engine.sink.DeadLetterListener;
import io.tandem.engine.sink.apply.TransactionalChangeSink;
import io.tandem.engine.values.ValuePolicyListener;
import io.tandem.sink.mysql.sql.MySqlSessionPool;
import io.tandem.sink.mysql.sql.MySqlStatements;
import java.util.List;

/**
 * The reverse direction's sink: each batch of PostgreSQL transactions in one MySQL transaction that ends by storing
 * the batch's position in {@code reverse_offset}, so the offset the reverse source resumes from (and confirms to
 * PostgreSQL's slot) is exactly what MySQL holds. The same batching and flush rules as the forward sink; MySQL
 * statements through {@link MySqlSinkDialect}.
 */
public final class MySqlChangeSink implements ChangeSink {

    private final HikariDataSource pool;
    private final TransactionalChangeSink sink;

    /** @param chunkRows rows per statement, as the forward sink's {@code apply} chunking */
    public MySqlChangeSink(SourceEndpoint endpoint, ServerInfo server, ControlTables controlTables, int chunkRows) {
        this.pool = MySqlSessionPool.open(endpoint, "tandem-reverse-sink");
        this.sink = new TransactionalChangeSink(pool, new MySqlSinkDialect(new MySqlStatements(server), controlTables),
                chunkRows, BadRowPolicy.FAIL, DeadLetterListener.NONE, ValuePolicyListener.NONE);
    }

    @Override
    public void apply(List<ChangeEvent> events, SourcePosition position) {
        sink.apply(events, position);
    }

    @Override
    public void close() {
        sink.close();
        pool.close();
    }
}
