package io.tandem.engine.change;

import io.tandem.engine.model.SourcePosition;

/**
 * One change read from the source's stream, already in target terms. The family is closed; on Java 17 consumers
 * walk it with {@code instanceof} chains that end in {@code else throw}, so a new kind fails loudly where it is not
 * handled yet. {@link Heartbeat} and {@link FenceToken} are tandem's own control rows, not application changes.
 */
public sealed interface ChangeEvent permits RowChange, PolicyApplied, TruncateTable, CreateTable, DropTable, AlterTable,
        RenameTable, SkippedSchemaChange, SwapInCopy, TransactionEnd, Heartbeat, FenceToken {

    /** The source position just after this event: resuming from it continues with the next event. */
    SourcePosition position();

    /** A rough size in bytes, used to bound batches and queues by memory rather than by count. */
    long estimatedBytes();
}
