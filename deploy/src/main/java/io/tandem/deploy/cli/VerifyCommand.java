package io.tandem.deploy.cli;

import io.tandem.cutover.verify.Difference;
import io.tandem.cutover.verify.Verification;
import io.tandem.cutover.verify.VerifyListener;
import io.tandem.cutover.verify.VerifyProgress;
import io.tandem.cutover.verify.VerifyResult;
import io.tandem.cutover.verify.VerifySetup;
import io.tandem.engine.config.TandemConfig;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tandem verify}: one verification pass from this process, without the daemon (replication must be running
 * somewhere, since each chunk waits for the target to catch up). Exit code 0 when equal (rows that kept changing
 * on the source are listed as unsettled, not counted as differences), 1 when different or when it could not
 * compare, 2 for a bad config.
 */
@Command(name = "verify", description = "Compare the target with what tandem would write for the source rows,"
        + " online: each chunk in a consistent source snapshot, once the target has caught up with it.")
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigFile config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<TandemConfig> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return ConfigFile.INVALID;
        }
        TandemConfig parsed = loaded.get();
        VerifyResult result;
        try (VerifySetup setup = VerifySetup.open(parsed)) {
            result = new Verification(setup, new Printer(out, err, System.console() != null)).run();
        } catch (SQLException | RuntimeException e) {
            // Connection failures name the server; the config's secrets never reach these messages.
            err.println("cannot verify: " + e.getMessage());
            return 1;
        }
        result.notes().forEach(note -> out.println("note: " + note));
        result.unsettled().forEach(key -> out.println("unsettled (its source row changed in every round): " + key));
        if (result.differenceCount() > result.differences().size()) {
            out.println("... and " + (result.differenceCount() - result.differences().size())
                    + " more difference(s) not listed");
        }
        out.println(result.summary());
        out.flush();
        return switch (result.verdict()) {
            case EQUAL, UNSETTLED -> 0;
            case DIFFERENT, FAILED -> 1;
        };
    }

    /** Differences to stdout as they are confirmed; a progress line to stderr when on a terminal. */
    private static final class Printer implements VerifyListener {

        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean terminal;
        private long lastLine;

        Printer(PrintWriter out, PrintWriter err, boolean terminal) {
            this.out = out;
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void progress(VerifyProgress progress) {
            long now = System.nanoTime();
            if (terminal && now - lastLine > 250_000_000L) {
                lastLine = now;
                err.print("\r\u001b[K" + progress.describe());
                err.flush();
            }
        }

        @Override
        public void difference(Difference difference) {
            clearProgress();
            out.println(difference.describe());
            out.flush();
        }

        @Override
        public void passFinished(VerifyResult result) {
            clearProgress();
        }

        private void clearProgress() {
            if (terminal) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
