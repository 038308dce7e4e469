package io.tandem.cutover.hook;

import io.tandem.engine.config.HookConfig;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command hook: the argument list without a shell, tandem's environment plus the step's {@code TANDEM_*}
 * facts, no standard input, stdout and stderr merged into one kept tail. On timeout the command and every process
 * it started are killed, children first, so that none is left holding the output pipe or doing the step late.
 */
final class CommandHook {

    /** How long to wait for the output reader after the command ended (a background child may keep the pipe). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(1);

    private CommandHook() {
    }

    static HookResult run(HookConfig.Command hook, HookFacts facts) throws HookFailedException, InterruptedException {
        HookConfig.Step step = facts.step();
        String program = hook.argv().get(0);
        ProcessBuilder builder = new ProcessBuilder(hook.argv()).redirectErrorStream(true);
        builder.environment().putAll(facts.environment());
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HookFailedException(step, "could not start " + program + ": " + e.getMessage(), "", e);
        }
        OutputTail tail = new OutputTail();
        Thread reader = readInBackground(process.getInputStream(), tail, step);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Closing stdin fails only if the process is already gone; its exit code tells the rest.
        }
        try {
            if (!process.waitFor(hook.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(process);
                finishReading(reader, process);
                throw new HookFailedException(step, program + " timed out after "
                        + HookRunner.format(hook.timeout()) + " and was killed", tail.text(), null);
            }
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        finishReading(reader, process);
        int exit = process.exitValue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (exit != 0) {
            throw new HookFailedException(step, program + " exited with " + exit, tail.text(), null);
        }
        return new HookResult(step, program, took, exit, tail.text());
    }

    private static Thread readInBackground(InputStream output, OutputTail tail, HookConfig.Step step) {
        Thread reader = new Thread(() -> {
            try (output) {
                tail.drain(output);
            } catch (IOException e) {
                // The stream was closed under us (see finishReading) or the process died; the tail has what came.
            }
        }, "tandem-hook-" + step.configValue() + "-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void finishReading(Thread reader, Process process) throws InterruptedException {
        reader.join(OUTPUT_GRACE.toMillis());
        if (reader.isAlive()) {
            try {
                process.getInputStream().close();
            } catch (IOException e) {
                // Nothing more to read either way.
            }
            reader.join(OUTPUT_GRACE.toMillis());
        }
    }

    /**
     * The command first, then what it started: killed the other way round, a shell wakes up from its dead child and
     * runs its next command before it is killed itself. The children are listed before, as they are not the
     * command's descendants any more once it is gone.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
