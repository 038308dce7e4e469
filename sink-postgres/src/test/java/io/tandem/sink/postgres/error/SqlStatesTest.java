package io.tandem.sink.postgres.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

    private static SQLException state(String sqlState) {
        return new SQLException("text that must not matter: deadlock, connection reset", sqlState);
    }

    @Test
    void transientByState() {
        for (String s : new String[] {"08000", "08006", "08P01", "40001", "40P01", "57P01", "57P02", "57P03",
                "53300"}) {
            assertTrue(SqlStates.isTransient(state(s)), s);
        }
    }

    @Test
    void fatalByStateWhateverTheMessageSays() {
        for (String s : new String[] {"22P02", "23505", "42P01", "42703", "57014", "XX000"}) {
            assertFalse(SqlStates.isTransient(state(s)), s);
        }
    }

    @Test
    void withoutStateOnlyTransportAndPoolFailuresAreTransient() {
        assertTrue(SqlStates.isTransient(new SQLException("x", (String) null, new IOException("reset"))));
        assertTrue(SqlStates.isTransient(new SQLTransientConnectionException("pool timeout")));
        assertFalse(SqlStates.isTransient(new SQLException("x")));
    }

    @Test
    void dataErrorsAreClasses22And23() {
        assertTrue(SqlStates.isDataError(state("22P02")));
        assertTrue(SqlStates.isDataError(state("23502")));
        assertFalse(SqlStates.isDataError(state("42P01")));
        assertFalse(SqlStates.isDataError(state("08006")));
    }

    @Test
    void stateIsFoundThroughWrappers() {
        RuntimeException wrapped = new RuntimeException(new SQLException("x", "40P01"));
        assertTrue(SqlStates.isTransient(wrapped));
    }
}
