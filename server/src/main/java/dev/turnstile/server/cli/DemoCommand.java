package dev.turnstile.server.cli;

import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.server.demo.DemoProgress;
import dev.turnstile.server.demo.DemoReport;
import dev.turnstile.server.demo.DemoResult;
import dev.turnstile.server.demo.DemoRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./turnstile demo}: many threads on one embedded host at once, each driven turn after turn by its own client,
 * then a report of throughput and turn latency. The point is to show the pipeline under a realistic shape of load
 * (many mostly-idle conversations, one turn in flight each) with nothing but the JVM: the model is scripted.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Many threads at once on the embedded host, closed-loop turns, then a throughput and latency report.",
            "Each thread's client submits user_input turn after turn, waiting for task_complete before the next; "
                    + "all threads run at once. The report gives wall time, turns/s, submissions/s, events out and "
                    + "per-turn latency percentiles (submit to task_complete).",
            "Progress goes to stderr, the report to stdout. Everything is journaled in --data (unless "
                    + "--ephemeral); the report ends with the replay commands to look at a thread."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HostOptions options;

    @Option(names = "--threads", paramLabel = "N", converter = OptionConverters.PositiveInt.class,
            description = "Threads hosted at once, one client each (default: ${DEFAULT-VALUE}).")
    int threads = 1000;

    @Option(names = "--turns", paramLabel = "N", converter = OptionConverters.PositiveInt.class,
            description = "Turns per thread (default: ${DEFAULT-VALUE}).")
    int turns = 10;

    @Option(names = "--json", paramLabel = "FILE", converter = OptionConverters.OutputFile.class,
            description = "Also write the report's numbers to FILE as JSON.")
    Path json;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws InterruptedException, IOException {
        String cwd = Path.of("").toAbsolutePath().toString();
        DemoResult result;
        String persistence;
        String sampleThread;
        try (HostRuntime runtime = HostRuntime.open(options, "turnstile demo", System.err)) {
            TurnstileHost host = runtime.host();
            DemoRun run = new DemoRun(host, threads, turns, cwd);
            DemoProgress progress = noProgress ? null : DemoProgress.start(System.err, run.totalTurns(),
                    run.metrics()::finishedTurns, host::ringOccupancy);
            try {
                result = run.run();
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
            persistence = runtime.describePersistence();
            sampleThread = run.firstThreadId();
        }
        DemoReport report = DemoReport.of(result, options.pipelineConfig(), options.model().describe(), persistence);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.print(report.render());
        if (!options.ephemeral() && sampleThread != null) {
            String data = options.data().toString();
            out.println();
            out.println("Look at what was journaled:");
            out.println("  ./turnstile replay list --data " + data);
            out.println("  ./turnstile replay show " + sampleThread + " --data " + data);
            out.println("  ./turnstile replay export " + sampleThread + " --data " + data + " --format codex-jsonl");
        }
        out.flush();
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --json " + json + ": " + e.getMessage(), e);
            }
            err.println("turnstile demo: report written to " + json);
        }
        if (!result.allCompleted()) {
            err.println("turnstile demo: not every turn completed (" + result.completedTurns() + " of "
                    + result.expectedTurns() + ")");
            return UsageErrors.FAILED;
        }
        return 0;
    }
}
