package io.tandem.connectors.mysql.admin;

import java.util.List;
import java.util.Objects;

/**
 * What the source's write freeze looks like right now, read back from the server so that a resumed cutover can
 * decide whether to redo or undo the freeze.
 *
 * @param readOnly {@code @@GLOBAL.read_only}
 * @param superReadOnly {@code @@GLOBAL.super_read_only}; always false on MariaDB, which has no such variable
 * @param lockedAccounts the configured application accounts that are locked
 * @param unlockedAccounts the configured application accounts that are not
 * @param appSessions ids of sessions of the application's user names still on the server (a killed session stays
 *     listed until its rollback ends)
 */
public record FreezeState(boolean readOnly, boolean superReadOnly, List<SourceAccount> lockedAccounts,
                          List<SourceAccount> unlockedAccounts, List<Long> appSessions) {

    public FreezeState {
        lockedAccounts = List.copyOf(Objects.requireNonNull(lockedAccounts, "lockedAccounts"));
        unlockedAccounts = List.copyOf(Objects.requireNonNull(unlockedAccounts, "unlockedAccounts"));
        appSessions = List.copyOf(Objects.requireNonNull(appSessions, "appSessions"));
    }

    /** Read-only, every application account locked and none of their sessions left. */
    public boolean isFrozen() {
        return readOnly && unlockedAccounts.isEmpty() && appSessions.isEmpty();
    }

    /** Writable and no application account locked: the state before the freeze, and after an abort. */
    public boolean isWritable() {
        return !readOnly && !superReadOnly && lockedAccounts.isEmpty();
    }

    @Override
    public String toString() {
        return "read_only=" + (readOnly ? "ON" : "OFF") + (superReadOnly ? " super_read_only=ON" : "")
                + ", locked=" + lockedAccounts + ", unlocked=" + unlockedAccounts + ", app sessions=" + appSessions;
    }
}
