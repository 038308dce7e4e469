package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;

/**
 * One change read from the source's stream, already in target terms. The family is closed so that every stage
 * handles every kind explicitly (a switch over it must be exhaustive).
 */
public sealed interface ChangeEvent permits RowChange, PolicyApplied, TruncateTable, CreateTable, DropTable, AlterTable,
        RenameTable, SkippedSchemaChange, TransactionEnd {

    /** The source position just after this event: resuming from it continues with the next event. */
    SourcePosition position();

    /** A rough size in bytes, used to bound batches and queues by memory rather than by count. */
    long estimatedBytes();
}
