package dev.turnstile.server.cli;

import dev.turnstile.server.proto.ProtoSession;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./turnstile proto}: one session over stdio, the way Codex's {@code proto} mode speaks. stdout carries only
 * protocol lines, so the command's own remarks go to stderr.
 */
@Command(name = "proto", mixinStandardHelpOptions = true,
        description = {
            "One session over stdio: Submission JSONL on stdin, Event JSONL on stdout.",
            "The first line out is session_configured (id \"\"). A bad line is answered with an error event "
                    + "naming the line, and the session goes on. The session ends on shutdown (after "
                    + "shutdown_complete) or at the end of stdin (a running turn ends as turn_aborted).",
            "The thread is journaled in --data (unless --ephemeral)."})
public final class ProtoCommand implements Callable<Integer> {

    @Mixin
    HostOptions options;

    @Override
    public Integer call() throws InterruptedException, IOException {
        String cwd = Path.of("").toAbsolutePath().toString();
        try (HostRuntime runtime = HostRuntime.open(options, "turnstile proto", System.err)) {
            System.err.println("turnstile proto: model " + options.model().describe() + ", "
                    + options.describeShards() + ", " + options.pipelineConfig().waitStrategy()
                    + " wait; data " + runtime.describePersistence());
            // stdout unwrapped: PrintStream would swallow a broken pipe, and the session buffers itself.
            return new ProtoSession(runtime.host(), System.in, new FileOutputStream(FileDescriptor.out), System.err,
                    cwd).run();
        }
    }
}
