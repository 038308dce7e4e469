package io.tandem.connectors.mysql.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.engine.model.SourceColumn;
import io.tandem.engine.transform.TargetColumn;
import io.tandem.engine.transform.ValueKind;
import io.tandem.engine.values.RowPolicies;
import io.tandem.engine.values.ValuePolicies;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectedColumnTest {

    private static String expression(String columnType, String pgType, ValueKind kind) {
        SourceColumn source = SourceColumn.of("c`x", columnType, true);
        TargetColumn target = new TargetColumn("c`x", "c`x", pgType, kind, true, null, false, true);
        return SelectedColumn.of(source, target, new RowPolicies(ValuePolicies.DEFAULTS, Set.of()))
                .expression();
    }

    @Test
    void selectsEachTypeInTheFormItsReaderExpects() {
        assertEquals("`c``x`", expression("bigint(20) unsigned", "numeric(20,0)", ValueKind.INTEGER));
        assertEquals("CAST(`c``x` AS UNSIGNED)", expression("year(4)", "smallint", ValueKind.INTEGER));
        assertEquals("`c``x` * 1e0", expression("float", "real", ValueKind.FLOAT));
        assertEquals("`c``x`", expression("double", "double precision", ValueKind.FLOAT));
        assertEquals("CAST(`c``x` AS CHAR)", expression("datetime(6)", "timestamp(6)", ValueKind.TIMESTAMP));
        assertEquals("CAST(`c``x` AS CHAR)", expression("timestamp", "timestamptz(0)", ValueKind.TIMESTAMPTZ));
        assertEquals("CAST(`c``x` AS CHAR)", expression("time", "interval", ValueKind.INTERVAL));
        assertEquals("`c``x`", expression("bit(10)", "bit(10)", ValueKind.BITS));
    }

    @Test
    void parsesTypeText() {
        assertEquals("bigint", SelectedColumn.baseType("bigint(20) unsigned zerofill"));
        assertEquals("double", SelectedColumn.baseType("double"));
        assertEquals(10, SelectedColumn.bitWidth("bit(10)"));
        assertEquals(1, SelectedColumn.bitWidth("bit"));
    }
}
