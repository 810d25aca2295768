package dev.turnstile.core.turn.tool;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion and captures its output. Blocking: it runs on a virtual thread, never on a
 * dispatch thread. Interrupting the calling thread kills the process (an interrupted turn stops its tool).
 */
public final class CommandRunner {
    /** Output beyond this many bytes per stream is dropped (the model sees a note saying so). */
    public static final int MAX_CAPTURED_BYTES = 1 << 20;

    private CommandRunner() {
    }

    public static ToolOutcome run(CommandSpec spec, ProcessTracker tracker) throws InterruptedException {
        long start = System.nanoTime();
        final Process process;
        try {
            process = new ProcessBuilder(spec.argv()).directory(new File(spec.cwd())).redirectInput(
                    ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException | RuntimeException e) {
            return new ToolOutcome(-1, "", "", elapsed(start), "failed to start `" + spec.argv().get(0) + "`: "
                    + e.getMessage());
        }
        try {
            if (!tracker.started(process)) {
                process.destroyForcibly();
            }
            Capture out = Capture.of(process.getInputStream());
            Capture err = Capture.of(process.getErrorStream());
            boolean finished = spec.timeoutMillis() <= 0 ? waitFor(process)
                    : process.waitFor(spec.timeoutMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor();
            }
            String stdout = out.text();
            String stderr = err.text();
            return new ToolOutcome(finished ? process.exitValue() : -1, stdout, stderr, elapsed(start),
                    finished ? null : "command timed out after " + spec.timeoutMillis() + " ms");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            tracker.finished(process);
        }
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Drains a stream on its own virtual thread so a chatty process never blocks on a full pipe. */
    private static final class Capture {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;
        private boolean truncated;

        private Capture(InputStream in) {
            reader = Thread.ofVirtual().start(() -> drain(in));
        }

        static Capture of(InputStream in) {
            return new Capture(in);
        }

        private void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (bytes) {
                        int room = MAX_CAPTURED_BYTES - bytes.size();
                        if (room > 0) {
                            bytes.write(buffer, 0, Math.min(n, room));
                        }
                        truncated |= n > room;
                    }
                }
            } catch (IOException closed) {
                // The process was killed: keep what was read.
            }
        }

        String text() throws InterruptedException {
            reader.join();
            synchronized (bytes) {
                String text = bytes.toString(StandardCharsets.UTF_8);
                return truncated ? text + "\n[output truncated after " + MAX_CAPTURED_BYTES + " bytes]\n" : text;
            }
        }
    }
}
