package io.tandem.engine.values;

import io.tandem.engine.model.TableId;

/**
 * Told about rows a value policy changed or refused once the transaction that wrote (or dead-lettered) them has
 * committed, so counts never include rows a crash took back.
 */
@FunctionalInterface
public interface ValuePolicyListener {

    ValuePolicyListener NONE = (table, column, issue, action, rows) -> { };

    void counted(TableId table, String column, ValueIssue issue, PolicyAction action, long rows);
}
