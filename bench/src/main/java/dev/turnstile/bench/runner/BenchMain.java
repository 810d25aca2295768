package dev.turnstile.bench.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.bench.machine.CpuJitter;
import dev.turnstile.bench.machine.MachineJitter;
import dev.turnstile.bench.report.Report;
import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.bench.support.Extras;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a profile of benchmarks (JMH, each benchmark in its own forked JVM with the project's JVM flags) and renders
 * the report. What {@code ./turnstile bench} runs, in a child JVM.
 *
 * <pre>
 *   BenchMain [--quick | --full] [--only NAME,...] [--param KEY=VALUE,...]... [--out DIR]
 *             [--prof PROFILER[:OPTIONS]]...
 *   BenchMain --report-only DIR          re-renders DIR/report.md and DIR/charts/ from DIR's results
 *   BenchMain --list                     the profile's benchmark sets and their parameters
 * </pre>
 *
 * Output in DIR: {@code results.json} (JMH's JSON, all sets), {@code extras.jsonl}, {@code run.json} (machine,
 * JDK, date, command, the machine's jitter measured just before), {@code report.md}, {@code charts/*.png},
 * {@code jmh.log} (JMH's full output), {@code jmh/} (one JSON per set), and with {@code --prof jfr}
 * {@code profiles/} (one recording per trial, summarised in the report). Scratch journals go to DIR/work and are
 * deleted as the benchmarks go.
 */
public final class BenchMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the jitter probe spins before the benchmarks, after a warm-up that compiles its loop. */
    private static final Duration JITTER_WARMUP = Duration.ofMillis(500);
    private static final Duration JITTER_TIME = Duration.ofSeconds(2);

    private String profileName = "quick";
    private final List<String> only = new ArrayList<>();
    private final List<String> profilers = new ArrayList<>();
    private final java.util.Map<String, List<String>> overrides = new java.util.LinkedHashMap<>();
    private Path out;
    private Path reportOnly;
    private boolean list;
    private String command;

    public static void main(String[] args) {
        // The runner's own log lines (the jitter probe pinning its threads) would interleave with the progress.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code;
        try {
            code = new BenchMain().run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            if (System.getenv("TURNSTILE_DEBUG") != null) {
                e.printStackTrace();
            }
            code = 1;
        }
        System.exit(code);
    }

    int run(String[] args, PrintStream console) throws IOException, RunnerException, InterruptedException {
        parse(args);
        if (reportOnly != null) {
            if (!Files.isRegularFile(reportOnly.resolve("results.json"))) {
                throw new IllegalArgumentException("no results.json in " + reportOnly);
            }
            console.println("report: " + Report.render(reportOnly));
            return 0;
        }
        Profile profile = Profile.named(profileName);
        List<Profile.Selection> selections = select(profile);
        if (list) {
            for (Profile.Selection selection : selections) {
                console.printf(Locale.ROOT, "%-20s %-26s %3d trials  %s%n", selection.name(),
                        selection.benchmarkClass(), selection.trials(), selection.params());
            }
            return 0;
        }
        if (out == null) {
            out = Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd-HHmmss")));
        }
        out = out.toAbsolutePath();
        Files.createDirectories(out.resolve("jmh"));
        Path work = out.resolve("work");
        Path extras = out.resolve("extras.jsonl");
        Files.deleteIfExists(extras);
        Files.deleteIfExists(out.resolve("results.json"));

        int trials = selections.stream().mapToInt(Profile.Selection::trials).sum();
        int estimate = selections.stream().mapToInt(s -> s.estimatedSeconds(setupSeconds(s))).sum();
        console.printf(Locale.ROOT, "turnstile bench: profile %s, %d trials, about %d min on 2 cores; results in %s%n",
                profile.name(), trials, Math.max(1, Math.round(estimate / 60.0)), out);

        String loadStart = Machine.loadAverage();
        console.printf(Locale.ROOT, "machine jitter: a thread spinning on each of CPUs %s for %d s...%n",
                MachineJitter.HOP_CPUS, JITTER_TIME.toSeconds());
        List<CpuJitter> jitter = MachineJitter.measure(MachineJitter.HOP_CPUS, JITTER_WARMUP, JITTER_TIME);
        long started = System.nanoTime();
        List<String> jvmArgs = new ArrayList<>(JvmFlags.forThisJvm());
        jvmArgs.addAll(List.of("-D" + BenchDirs.WORK_PROPERTY + "=" + work, "-D" + Extras.FILE_PROPERTY + "="
                + extras, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Djava.awt.headless=true"));
        int done = 0;
        try (PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("jmh.log")), true,
                StandardCharsets.UTF_8)) {
            for (Profile.Selection selection : selections) {
                ChainedOptionsBuilder options = new OptionsBuilder()
                        .include(selection.include())
                        .forks(selection.forks())
                        .warmupIterations(selection.warmups())
                        .measurementIterations(selection.iterations())
                        .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                        .resultFormat(ResultFormatType.JSON)
                        .result(out.resolve("jmh").resolve(selection.name() + ".json").toString())
                        .shouldFailOnError(false);
                if (selection.warmupSeconds() > 0) {
                    options.warmupTime(TimeValue.seconds(selection.warmupSeconds()));
                }
                if (selection.iterationSeconds() > 0) {
                    options.measurementTime(TimeValue.seconds(selection.iterationSeconds()));
                }
                selection.params().forEach((key, values) -> options.param(key, values.toArray(String[]::new)));
                for (String profiler : profilers) {
                    int colon = profiler.indexOf(':');
                    String name = colon < 0 ? profiler : profiler.substring(0, colon);
                    String init = colon < 0 ? "" : profiler.substring(colon + 1);
                    if (name.equals("jfr") && !init.contains("dir=")) {
                        // Recordings go where the report finds them; sampling every 10 ms, not JFR's default 20.
                        init = (init.isEmpty() ? "" : init + ";") + "dir=" + out.resolve("profiles")
                                + (init.contains("configName=") ? "" : ";configName=profile");
                    }
                    if (init.isEmpty()) {
                        options.addProfiler(name);
                    } else {
                        options.addProfiler(name, init);
                    }
                }
                ProgressOutput progress = new ProgressOutput(OutputFormatFactory.createFormatInstance(log,
                        VerboseMode.NORMAL), console, trials, started, done);
                new Runner(options.build(), progress).run();
                done = progress.done();
            }
        } finally {
            BenchDirs.delete(work);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        merge(selections);
        writeRun(profile, seconds, loadStart, Machine.loadAverage(), jitter);
        Path report = Report.render(out);
        console.printf(Locale.ROOT, "done in %d:%02d; report: %s%n", seconds / 60, seconds % 60, report);
        return 0;
    }

    /** Seconds of untimed set-up a set needs per trial (building long threads, starting many), for the estimate. */
    private static int setupSeconds(Profile.Selection selection) {
        return switch (selection.benchmarkClass()) {
            case "RollbackBenchmark", "ResumeBenchmark", "ForkBenchmark" -> 4;
            case "ThroughputBenchmark" -> 2;
            case "IdleThreadMemoryBenchmark" -> 8;
            default -> 1;
        };
    }

    private List<Profile.Selection> select(Profile profile) {
        List<Profile.Selection> chosen = chooseSets(profile);
        if (overrides.isEmpty()) {
            return chosen;
        }
        List<Profile.Selection> narrowed = new ArrayList<>();
        for (Profile.Selection selection : chosen) {
            java.util.Map<String, List<String>> params = new java.util.LinkedHashMap<>(selection.params());
            boolean keep = true;
            for (var override : overrides.entrySet()) {
                List<String> current = params.get(override.getKey());
                if (current == null) {
                    continue; // the set has no such parameter
                }
                List<String> common = override.getValue().stream().filter(current::contains).toList();
                if (!common.isEmpty()) {
                    params.put(override.getKey(), common);
                } else if (override.getKey().equals("impl")) {
                    keep = false; // e.g. --param impl=codex skips the sets that do not run codex
                } else {
                    params.put(override.getKey(), override.getValue()); // new sizes or rates
                }
            }
            if (keep) {
                narrowed.add(new Profile.Selection(selection.name(), selection.benchmarkClass(), params,
                        selection.forks(), selection.warmups(), selection.warmupSeconds(), selection.iterations(),
                        selection.iterationSeconds()));
            }
        }
        return narrowed;
    }

    private List<Profile.Selection> chooseSets(Profile profile) {
        if (only.isEmpty()) {
            return profile.selections();
        }
        List<Profile.Selection> chosen = new ArrayList<>();
        for (String name : only) {
            List<Profile.Selection> matching = profile.selections().stream()
                    .filter(s -> s.name().equals(name) || s.name().startsWith(name + "-")).toList();
            if (matching.isEmpty()) {
                throw new IllegalArgumentException("unknown benchmark set '" + name + "': one of " + profile
                        .selections().stream().map(Profile.Selection::name).toList());
            }
            matching.stream().filter(s -> !chosen.contains(s)).forEach(chosen::add);
        }
        return chosen;
    }

    private void merge(List<Profile.Selection> selections) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        for (Profile.Selection selection : selections) {
            Path file = out.resolve("jmh").resolve(selection.name() + ".json");
            if (Files.exists(file) && Files.size(file) > 0) {
                JSON.readTree(file.toFile()).forEach(all::add);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("results.json").toFile(), all);
    }

    private void writeRun(Profile profile, long seconds, String loadStart, String loadEnd, List<CpuJitter> jitter)
            throws IOException {
        ObjectNode run = JSON.createObjectNode();
        run.put("date", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        run.put("profile", profile.name() + (only.isEmpty() ? "" : " (only " + String.join(",", only) + ")"));
        run.put("duration", String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60));
        run.put("machine", Machine.describe());
        run.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        run.put("loadStart", loadStart);
        run.put("loadEnd", loadEnd);
        ArrayNode cpus = run.putArray("jitter");
        for (CpuJitter cpu : jitter) {
            cpus.addObject()
                    .put("cpu", cpu.cpu())
                    .put("seconds", cpu.observedNanos() / 1e9)
                    .put("gapsPerSecond", cpu.gapsPerSecond())
                    .put("lostPercent", cpu.lostPercent())
                    .put("longestMicros", cpu.longestNanos() / 1e3);
        }
        StringBuilder typed = new StringBuilder("./turnstile bench --" + profile.name());
        if (!only.isEmpty()) {
            typed.append(" --only ").append(String.join(",", only));
        }
        overrides.forEach((key, values) -> typed.append(" --param ").append(key).append('=')
                .append(String.join(",", values)));
        run.put("command", command != null ? command : typed.toString());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("run.json").toFile(), run);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> profileName = "quick";
                case "--full" -> profileName = "full";
                case "--profile" -> profileName = value(args, ++i, arg);
                case "--only" -> only.addAll(Arrays.asList(value(args, ++i, arg).split(",")));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--prof" -> profilers.add(value(args, ++i, arg));
                case "--param" -> {
                    String param = value(args, ++i, arg);
                    int equals = param.indexOf('=');
                    if (equals <= 0 || equals == param.length() - 1) {
                        throw new IllegalArgumentException("--param needs KEY=VALUE[,VALUE...], not '" + param + "'");
                    }
                    overrides.put(param.substring(0, equals), List.of(param.substring(equals + 1).split(",")));
                }
                case "--report-only" -> reportOnly = Path.of(value(args, ++i, arg));
                case "--command" -> command = value(args, ++i, arg);
                case "--list" -> list = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
