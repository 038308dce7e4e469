package io.tandem.demo.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sakila's script names its database; the loader renames it. Loading itself is tested in the test kit (it needs a server). */
class SakilaRenameTest {

    @Test
    void rewritesOnlyTheStatementsNamingTheDatabase() {
        assertEquals("USE `x_1`", Sakila.rename("USE sakila", "x_1"));
        assertEquals("CREATE SCHEMA `x_1`", Sakila.rename("CREATE SCHEMA sakila", "x_1"));
        assertEquals("CREATE VIEW v AS SELECT * FROM `x_1`.film f", Sakila.rename("CREATE VIEW v AS SELECT * FROM sakila.film f", "x_1"));
        assertEquals("INSERT INTO a VALUES ('sakila.org')", Sakila.rename("INSERT INTO a VALUES ('sakila.org')", "x_1"));
    }
}
