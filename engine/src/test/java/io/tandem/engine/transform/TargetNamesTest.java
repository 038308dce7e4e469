package io.tandem.engine.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.model.SourceTable;
import io.tandem.engine.model.TableId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetNamesTest {

    private static SourceTable table(String database, String name) {
        return new SourceTable(new TableId(database, name), List.of(SourceColumn.of("c", "int", true)), List.of(),
                List.of());
    }

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void lowerFoldsAsciiOnlyAndKeepsEverythingElse() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        assertEquals("order details", names.table(new TableId("Shop", "Order Details")));
        assertEquals("shop", names.schema("Shop"));
        assertEquals(List.of("Ärger-Ärger", "sel\"ect", "a`b.c"),
                names.columns(new TableId("Shop", "Order Details"), List.of("Ärger-ÄRGER", "SEL\"ECT", "a`b.c")));
    }

    @Test
    void keepKeepsNamesAsSpelled() {
        TargetNames names = new TargetNames(NameCase.KEEP);
        assertEquals("Shop", names.schema("Shop"));
        assertEquals("Order Details", names.table(new TableId("Shop", "Order Details")));
        assertEquals(List.of("ID", "Name"), names.columns(new TableId("Shop", "Order Details"), List.of("ID", "Name")));
        assertEquals("Order Details_IDX_Name", names.index(new TableId("Shop", "Order Details"), "IDX_Name"));
    }

    @Test
    void namesThatFoldTogetherKeepTheirCaseWhenSeenTogether() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        names.assignAll(List.of("db"), List.of(table("db", "Foo"), table("db", "FOO"), table("db", "bar"),
                table("db", "Bar2")));
        assertEquals("Foo", names.table(new TableId("db", "Foo")));
        assertEquals("FOO", names.table(new TableId("db", "FOO")));
        assertEquals("bar", names.table(new TableId("db", "bar")));
        assertEquals("bar2", names.table(new TableId("db", "Bar2")));
    }

    @Test
    void anAlreadyLowerNameAmongClashingOnesKeepsItsSpellingWhichIsTheFoldedOne() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        names.assignAll(List.of("Shop", "shop"), List.of());
        assertEquals("Shop", names.schema("Shop"));
        assertEquals("shop", names.schema("shop"));
    }

    @Test
    void aLaterNameNeverTakesOrChangesAnEarlierOne() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        assertEquals("foo", names.table(new TableId("db", "Foo")));
        assertEquals("FOO", names.table(new TableId("db", "FOO")));
        assertEquals("foo", names.table(new TableId("db", "Foo")));
        TargetNames kept = new TargetNames(NameCase.LOWER);
        kept.table(new TableId("db", "foo"));
        assertEquals("Foo", kept.table(new TableId("db", "Foo")));
    }

    @Test
    void longNamesAreShortenedOnACodePointBoundaryWithAHashOfTheFullName() {
        TargetNames names = new TargetNames(NameCase.KEEP);
        String a = "ä".repeat(31) + "xa";
        String b = "ä".repeat(31) + "xb";
        String mappedA = names.table(new TableId("db", a));
        String mappedB = names.table(new TableId("db", b));
        assertTrue(bytes(mappedA) <= 63 && bytes(mappedB) <= 63, mappedA + " / " + mappedB);
        assertNotEquals(mappedA, mappedB);
        assertTrue(mappedA.matches("ä{27}_[0-9a-f]{8}"), mappedA);
        assertEquals(mappedA, new TargetNames(NameCase.KEEP).table(new TableId("db", a)), "the same on every run");
        String sixtyFour = "c".repeat(64);
        assertEquals("c".repeat(54) + "_" + IdentifierText.hash(sixtyFour),
                names.columns(new TableId("db", a), List.of(sixtyFour)).get(0));
    }

    @Test
    void aTakenChoiceGetsTheNextFreeNumberedVariant() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        TableId film = new TableId("db", "film");
        names.table(film);
        assertEquals("film_idx", names.index(film, "idx"));
        // A table whose name is an index's already: the index keeps its name, the table gets a variant.
        assertEquals("film_idx_2", names.table(new TableId("db", "film_idx")));
        assertEquals("FILM_IDX", names.table(new TableId("db", "FILM_IDX")), "the spelled name, free");
    }

    @Test
    void theNamePostgresGivesAPrimaryKeyIndexIsHeldForItsTable() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        names.assignAll(List.of("db"), List.of(table("db", "t"), table("db", "t_pkey"), table("db", "T_PKEY")));
        assertEquals("t", names.table(new TableId("db", "t")));
        assertEquals("t_pkey_2", names.table(new TableId("db", "t_pkey")));
        assertEquals("T_PKEY", names.table(new TableId("db", "T_PKEY")));
        assertEquals("t_pkey_3", names.index(new TableId("db", "t"), "pkey"));
    }

    @Test
    void aStoredNameWinsOverAPrimaryKeyNameHeldForAnotherTable() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        names.register(new TargetTable(new TableId("db", "t"), "db", "t", List.of(), List.of(), List.of(), List.of()));
        names.register(new TargetTable(new TableId("db", "t_pkey"), "db", "t_pkey", List.of(), List.of(), List.of(),
                List.of()));
        assertEquals("t_pkey", names.table(new TableId("db", "t_pkey")));
        assertEquals("t_pkey_2", names.index(new TableId("db", "t"), "pkey"));
    }

    @Test
    void tandemsOwnSchemaIsNeverGivenAndPgPrefixesAreRefused() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        assertEquals("Tandem", names.schema("Tandem"));
        assertEquals("tandem_2", new TargetNames(NameCase.KEEP).schema("tandem"));
        UnsupportedTypeException e = assertThrows(UnsupportedTypeException.class, () -> names.schema("PG_stuff"));
        assertTrue(e.getMessage().contains("PG_stuff") && e.getMessage().contains("source.databases"),
                e.getMessage());
        assertEquals("PG_stuff", new TargetNames(NameCase.KEEP).schema("PG_stuff"));
    }

    @Test
    void registeredNamesWinAndForgottenOnesAreFreeAgain() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        TableId users = new TableId("Shop", "Users");
        names.register(new TargetTable(users, "Shop", "Users",
                List.of(new TargetColumn("ID", "ID", "integer", ValueKind.INTEGER, false, null, false, true)),
                List.of("ID"), List.of(new TargetIndex("ix", "Users_ix", false, List.of("ID"))), List.of()));
        assertEquals("Shop", names.schema("Shop"));
        assertEquals("Users", names.table(users));
        assertEquals("Users_ix", names.index(users, "ix"));
        assertEquals(List.of("ID", "name"), names.columns(users, List.of("ID", "Name")));
        assertEquals("users_ix", names.table(new TableId("Shop", "Users_IX")), "names compare exactly");
        names.forget(users);
        assertEquals("users", names.table(users), "a table created again is named afresh");
    }

    @Test
    void droppedColumnsFreeTheirNamesAndACaseOnlyRenameKeepsTheFoldedOne() {
        TargetNames names = new TargetNames(NameCase.LOWER);
        TableId t = new TableId("db", "t");
        assertEquals(List.of("name", "a"), names.columns(t, List.of("Name", "a")));
        assertEquals(List.of("name", "a"), names.columns(t, List.of("NAME", "a")));
        assertEquals(List.of("a", "b"), names.columns(t, List.of("a", "B")));
    }
}
