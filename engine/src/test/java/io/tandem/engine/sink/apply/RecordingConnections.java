package io.tandem.engine.sink.apply;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import javax.sql.DataSource;

/**
 * A pool whose connections run no SQL (the {@link RecordingDialect} and its writers stand for the statements) and
 * only log the transaction calls the sink makes on them: commit, rollback, savepoints, close. A commit can be made
 * to fail the way a lost connection does, after the fact, so its outcome is unknown to the sink.
 */
final class RecordingConnections {

    private final List<String> log;
    private boolean failNextCommit;

    RecordingConnections(List<String> log) {
        this.log = log;
    }

    /** The next commit throws SQLSTATE 08006 (connection failure). */
    void failNextCommit() {
        failNextCommit = true;
    }

    DataSource pool() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "commit" -> commit();
                    case "rollback" -> log(args == null ? "rollback" : "rollback to savepoint");
                    case "setSavepoint" -> {
                        log.add("savepoint");
                        yield Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {Savepoint.class}, (p, m, a) -> null);
                    }
                    case "releaseSavepoint" -> log("release savepoint");
                    case "close" -> log("close");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Object commit() throws SQLException {
        if (failNextCommit) {
            failNextCommit = false;
            log.add("commit failed");
            throw new SQLException("connection lost", "08006");
        }
        return log("commit");
    }

    private Object log(String call) {
        log.add(call);
        return null;
    }
}
