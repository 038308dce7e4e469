package io.tandem.demo.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tandem.demo.servers.SqlStatementReader.Statement;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementReaderTest {

    @Test
    void splitsOnSemicolonsAndDropsComments() throws IOException {
        assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"),
                sql("-- heading\nSELECT 1; # trailing\n/* block ; */ SELECT 2;\nSELECT 3"));
    }

    @Test
    void keepsDelimitersInsideQuotesAndBackticks() throws IOException {
        assertEquals(List.of("INSERT INTO `a;b` VALUES ('x;y', \"p;q\", 'it''s;', 'back\\';slash')", "SELECT 2"),
                sql("INSERT INTO `a;b` VALUES ('x;y', \"p;q\", 'it''s;', 'back\\';slash');SELECT 2;"));
    }

    @Test
    void keepsConditionalCommentsForTheServer() throws IOException {
        assertEquals(List.of("/*!40101 SET NAMES utf8 */", "INSERT INTO t VALUES (1,/*!50705 0x00,*/ 2)"),
                sql("/*!40101 SET NAMES utf8 */;\nINSERT INTO t VALUES (1,/*!50705 0x00,*/ 2);"));
    }

    @Test
    void followsDelimiterCommands() throws IOException {
        String script = "DELIMITER ;;\nCREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW BEGIN\n  SET @a = 1;\n  SET @b = 2;\nEND;;\n"
                + "DELIMITER ;\nSELECT 1;\ndelimiter $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\n";
        List<Statement> statements = statements(script);
        assertEquals(3, statements.size());
        assertEquals("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW BEGIN\n  SET @a = 1;\n  SET @b = 2;\nEND",
                statements.get(0).sql());
        assertEquals(2, statements.get(0).line());
        assertEquals("SELECT 1", statements.get(1).sql());
        assertEquals("CREATE PROCEDURE p() BEGIN SELECT 1; END", statements.get(2).sql());
    }

    @Test
    void doubleDashWithoutSpaceIsArithmetic() throws IOException {
        assertEquals(List.of("SELECT 5--1", "SELECT 2"), sql("SELECT 5--1;\nSELECT 2 --\n;"));
    }

    @Test
    void keepsLineBreaksInsideLiterals() throws IOException {
        assertEquals(List.of("INSERT INTO t VALUES ('a\r\nb')"), sql("INSERT INTO t VALUES ('a\r\nb');\r\n"));
    }

    private static List<String> sql(String script) throws IOException {
        return statements(script).stream().map(Statement::sql).toList();
    }

    private static List<Statement> statements(String script) throws IOException {
        SqlStatementReader reader = new SqlStatementReader(new StringReader(script));
        List<Statement> statements = new ArrayList<>();
        for (Statement next = reader.next(); next != null; next = reader.next()) {
            statements.add(next);
        }
        return statements;
    }
}
