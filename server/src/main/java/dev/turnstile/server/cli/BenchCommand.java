package dev.turnstile.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./turnstile bench}: runs the JMH benchmarks of the {@code bench} module (Turnstile against the designs a
 * user would otherwise build, in the same run) and renders their report. The benchmarks run in a child JVM from
 * the bench module's jar ({@code bench/target/benchmarks.jar}, built by the launcher), which forks one JVM per
 * benchmark with the project's JVM flags.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "JMH benchmarks: Turnstile against baselines measured in the same run, then a report.",
            "Measures the dispatch hop (publish -> applied, with and without the journal append, at several "
                    + "offered loads), throughput with journaling (1, 100, 10,000 threads, 1-K shards), rollback, "
                    + "resume and fork against thread length, journal append and replay rates, and heap per idle "
                    + "thread. Baselines: (a) the Codex architecture on the JVM (a queue of 512 and a task per "
                    + "session, a JSONL writer flushing every line, whole-file reads); (b) a single-thread "
                    + "executor over a LinkedBlockingQueue per shard.",
            "Writes JMH's JSON (results.json), report.md (percentiles, ratios, targets met or missed) and "
                    + "charts/*.png into --out. Benchmarks are sets: hop, throughput, rollback, resume, fork, "
                    + "append, replay, memory."})
public final class BenchCommand implements Callable<Integer> {
    static final Set<String> SETS = Set.of("hop", "throughput", "rollback", "resume", "fork", "append", "replay",
            "memory");

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The quick profile (default): every benchmark, the loads and sizes "
            + "the targets name, short iterations; a few minutes on 2 cores.")
    boolean quick;

    @Option(names = "--full", description = "The full profile: more loads and sizes, longer iterations; about "
            + "30 minutes on 2 cores.")
    boolean full;

    @Option(names = "--only", paramLabel = "SETS", split = ",",
            description = "Run only these benchmark sets (comma-separated): hop, throughput, rollback, resume, "
                    + "fork, append, replay, memory.")
    List<String> only = new ArrayList<>();

    @Option(names = "--param", paramLabel = "KEY=VALUES",
            description = "Narrow a benchmark parameter to these values (repeatable), e.g. --param impl=turnstile "
                    + "--param turns=1000. Sets without that parameter run as they are.")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where results, report and charts go (default: bench-results/<date-time>).")
    Path out;

    @Option(names = "--prof", paramLabel = "PROFILER",
            description = "Add a JMH profiler to every benchmark, e.g. gc, stack, jfr (repeatable). With jfr, one "
                    + "recording per trial goes to DIR/profiles and the report lists where the CPU went.")
    List<String> profilers = new ArrayList<>();

    @Option(names = "--report-only", paramLabel = "DIR",
            description = "Do not run anything: render DIR/report.md and DIR/charts/ again from DIR/results.json.")
    Path reportOnly;

    @Option(names = "--list", description = "List the profile's benchmark sets and parameters, run nothing.")
    boolean list;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (quick && full) {
            throw new ParameterException(spec.commandLine(), "--quick and --full exclude each other");
        }
        for (String set : only) {
            if (!SETS.contains(set)) {
                throw new ParameterException(spec.commandLine(), "unknown benchmark set '" + set
                        + "' for --only: expected some of " + String.join(", ", SETS.stream().sorted().toList()));
            }
        }
        Path jar = benchmarksJar();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(jar.toString());
        command.add("dev.turnstile.bench.runner.BenchMain");
        command.addAll(arguments());
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    /** BenchMain's arguments; {@code --command} records what the user typed, for the report. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (reportOnly != null) {
            args.add("--report-only");
            args.add(reportOnly.toString());
            return args;
        }
        args.add(full ? "--full" : "--quick");
        StringBuilder typed = new StringBuilder("./turnstile bench ").append(full ? "--full" : "--quick");
        if (!only.isEmpty()) {
            args.add("--only");
            args.add(String.join(",", only));
            typed.append(" --only ").append(String.join(",", only));
        }
        for (String param : params) {
            args.add("--param");
            args.add(param);
            typed.append(" --param ").append(param);
        }
        if (out != null) {
            args.add("--out");
            args.add(out.toString());
        }
        for (String profiler : profilers) {
            args.add("--prof");
            args.add(profiler);
            typed.append(" --prof ").append(profiler);
        }
        if (list) {
            args.add("--list");
        }
        args.add("--command");
        args.add(typed.toString());
        return args;
    }

    /**
     * The bench module's shaded jar: {@code TURNSTILE_BENCH_JAR} (the launcher sets it), else next to this jar in the
     * source tree ({@code server/target/turnstile.jar} → {@code bench/target/benchmarks.jar}).
     */
    static Path benchmarksJar() {
        String configured = System.getenv("TURNSTILE_BENCH_JAR");
        Path jar;
        if (configured != null && !configured.isBlank()) {
            jar = Path.of(configured);
        } else {
            try {
                Path self = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                jar = self.getParent().getParent().getParent().resolve("bench/target/benchmarks.jar");
            } catch (Exception e) {
                jar = Path.of("bench/target/benchmarks.jar");
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the benchmarks jar " + jar + " is missing: run ./turnstile bench from "
                    + "the repository root (the launcher builds it), or build it with mvn -pl bench -am package");
        }
        return jar;
    }
}
