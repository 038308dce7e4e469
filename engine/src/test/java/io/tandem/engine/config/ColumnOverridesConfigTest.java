package io.tandem.engine.config;

import static io.tandem.engine.config.ConfigFixtures.MINIMAL;
import static io.tandem.engine.config.ConfigFixtures.assertProblem;
import static io.tandem.engine.config.ConfigFixtures.parse;
import static io.tandem.engine.config.ConfigFixtures.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tandem.engine.model.TableId;
import io.tandem.engine.transform.ColumnOverride;
import io.tandem.engine.transform.ColumnOverrides;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnOverridesConfigTest {

    @Test
    void readsTypesAndExpressionsByColumn() {
        TandemConfig config = parse(MINIMAL + """
                columns:
                  "shop.orders.paid": { type: boolean }
                  "shop.events.created":
                    type: timestamptz
                    using: "to_timestamp(value::bigint)"
                  "shop.events.payload.v2": { type: "timestamp(3) with time zone" }
                """);
        ColumnOverrides columns = config.columns();
        assertEquals(Optional.of(new ColumnOverride("boolean", null)),
                columns.find(new TableId("shop", "orders"), "paid"));
        assertEquals(Optional.of(new ColumnOverride("timestamptz", "to_timestamp(value::bigint)")),
                columns.find(new TableId("shop", "events"), "created"));
        // Database and table names cannot hold dots; the column name keeps the rest.
        assertEquals(Optional.of(new ColumnOverride("timestamp(3) with time zone", null)),
                columns.find(new TableId("shop", "events"), "payload.v2"));
        assertEquals(Optional.empty(), columns.find(new TableId("shop", "orders"), "total"));
        assertTrue(config.describeMasked().contains("shop.events.created: timestamptz using to_timestamp(value::bigint)"),
                config.describeMasked());
    }

    @Test
    void absentMeansNone() {
        assertTrue(parse(MINIMAL).columns().isEmpty());
    }

    @Test
    void builderTakesAMapWhoseKeysHoldDots() {
        TandemConfig config = TandemConfig.builder()
                .set("source.host", "h").set("source.user", "u").set("source.databases", List.of("shop"))
                .set("target.url", "jdbc:postgresql://h:5432/db").set("target.user", "u")
                .set("columns", Map.of("shop.t.id", Map.of("type", "uuid")))
                .build();
        assertEquals(Optional.of(new ColumnOverride("uuid", null)), config.columns().find(new TableId("shop", "t"), "id"));
    }

    @Test
    void malformedKeysAndEntriesNameTheKey() {
        List<ConfigProblem> problems = problems(MINIMAL + """
                columns:
                  "shop.orders": { type: boolean }
                  "shop.orders.a": boolean
                  "shop.orders.b": { type: "" }
                  "shop.orders.c": { using: "value::int" }
                  "shop.orders.d": { type: int, usng: "value" }
                  "shop.orders.e": { type: 5 }
                """);
        assertProblem(problems, "columns.\"shop.orders\"", "<database>.<table>.<column>", "shop.orders.paid");
        assertProblem(problems, "columns.\"shop.orders.a\"", "must be a mapping with type", "got a string");
        assertProblem(problems, "columns.\"shop.orders.b\".type", "must not be empty");
        assertProblem(problems, "columns.\"shop.orders.c\".type", "is missing");
        assertProblem(problems, "columns.\"shop.orders.d\".usng", "did you mean using?");
        assertProblem(problems, "columns.\"shop.orders.e\".type", "must be a string");
        assertProblem(problems(MINIMAL + "columns: [a]\n"), "columns", "must be a mapping of db.table.column");
    }

    @Test
    void typeMustBeATypeName() {
        assertProblem(problems(MINIMAL + "columns:\n  \"shop.t.c\": { type: \"int); DROP TABLE x; --\" }\n"),
                "columns.\"shop.t.c\".type", "must be a PostgreSQL type name", "int); DROP");
    }

    @Test
    void expressionCannotLeaveItsSlot() {
        assertUsingProblem("value); DROP TABLE t; SELECT (1", "closes a parenthesis");
        assertUsingProblem("lower(value", "leaves a parenthesis open");
        assertUsingProblem("value::int; select 1", "without ;");
        assertUsingProblem("value -- ", "comments");
        assertUsingProblem("value /* x */", "comments");
        assertUsingProblem("$$x$$ || value", "dollar");
        assertUsingProblem("E'\\\\'' || value", "escape strings");
        assertUsingProblem("value::jsonb ? 'a'", "jsonb_exists");
        assertUsingProblem("'abc", "unterminated");
        assertUsingProblem("now()", "does not use value");
        assertUsingProblem("t.value", "does not use value");
    }

    @Test
    void quotesAndParenthesesInsideStringsAreFine() {
        TandemConfig config = parse(MINIMAL + "columns:\n  \"shop.t.c\": { type: text, using: \""
                + "replace(value, ')--;', 'it''s ?') || \\\"value\\\"::text\" }\n");
        assertEquals("replace(value, ')--;', 'it''s ?') || \"value\"::text",
                config.columns().find(new TableId("shop", "t"), "c").orElseThrow().using());
    }

    private static void assertUsingProblem(String using, String fragment) {
        String yaml = MINIMAL + "columns:\n  \"shop.t.c\": { type: int, using: '" + using.replace("'", "''") + "' }\n";
        assertProblem(problems(yaml), "columns.\"shop.t.c\".using", fragment);
    }
}
