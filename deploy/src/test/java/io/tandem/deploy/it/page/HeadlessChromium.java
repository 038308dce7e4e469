package io.tandem.deploy.it.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, for tests of the status page: the rendered DOM after the page's scripts ran (a
 * virtual-time budget lets its polling and rendering happen), and a screenshot. Skips the test with the install
 * command when Chromium is absent; {@code .ci/run} installs it.
 */
public final class HeadlessChromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The installed Chromium, or the test is skipped saying how to install it. */
    public static HeadlessChromium require() {
        Optional<HeadlessChromium> found = find();
        Assumptions.assumeTrue(found.isPresent(), NOT_INSTALLED);
        return found.get();
    }

    /** The installed Chromium, if any. */
    public static Optional<HeadlessChromium> find() {
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    public static final String NOT_INSTALLED =
            "Chromium is not installed; `apt-get install chromium` to run the status page check";

    /** The page's DOM once its scripts had {@code virtualMillis} of (virtual) time. */
    public String renderedDom(String url, int virtualMillis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + virtualMillis, "--dump-dom", url));
    }

    /** Saves a screenshot of the page after {@code virtualMillis}; returns the file. */
    public Path screenshot(String url, Path file, int virtualMillis) throws IOException, InterruptedException {
        run(List.of("--virtual-time-budget=" + virtualMillis, "--window-size=1280,2200",
                "--screenshot=" + file.toAbsolutePath(), url));
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new AssertionError("Chromium wrote no screenshot to " + file);
        }
        return file;
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("tandem-chromium-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path output = profile.resolve("stdout.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 90 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium exited " + process.exitValue() + ": " + command);
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
