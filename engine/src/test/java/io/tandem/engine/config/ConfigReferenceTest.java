package io.tandem.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {
    private static final String START = "<!-- config-reference:start -->";
    private static final String END = "<!-- config-reference:end -->";

    @Test
    void everyOptionIsDocumentedWithItsDefault() {
        String markdown = ConfigReference.markdown();
        for (Option<?> option : Options.ALL) {
            assertTrue(markdown.contains("| `" + option.path() + "` |"), option.path());
        }
        assertTrue(markdown.contains("| `source.port` | integer 1..65535 | `3306` |"), markdown);
        assertTrue(markdown.contains("| `apply.batch-max-bytes` | size | `64MiB` |"), markdown);
        assertTrue(markdown.contains("| `apply.max-batch-wait` | duration | `200ms` |"), markdown);
        assertTrue(markdown.contains("| `source.host` | string | required |"), markdown);
    }

    /** The README's reference section must be exactly the generated text (run ConfigReference.main to print it). */
    @Test
    void readmeReferenceMatchesTheOptionTable() throws Exception {
        Path readme = Path.of("..", "README.md"); // surefire runs in the engine module directory
        assumeTrue(Files.exists(readme), "no README.md at the repository root yet");
        String text = Files.readString(readme).replace("\r\n", "\n");
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assumeTrue(start >= 0 && end > start, "README.md has no " + START + " … " + END + " section yet");
        String documented = text.substring(start + START.length(), end).strip();
        assertEquals(ConfigReference.markdown().strip(), documented,
                "README.md config reference is out of date; replace the section with the output of ConfigReference.markdown()");
    }
}
