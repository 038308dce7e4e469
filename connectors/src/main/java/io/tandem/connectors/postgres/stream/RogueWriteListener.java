package io.tandem.connectors.postgres.stream;

/**
 * Told about every rogue write the reverse source sees in shadow mode, on the source's thread: keep it short (log,
 * count, raise an alert) and do not block.
 */
@FunctionalInterface
public interface RogueWriteListener {

    void onRogueWrite(RogueWrite write);
}
