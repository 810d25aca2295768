package dev.turnstile.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.bench.report.Results.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Renders a run's results as {@code report.md}: the machine and the command, the targets (met or missed), then one
 * table per benchmark with Turnstile beside the baselines measured in the same run and the ratios between them,
 * and the charts ({@code charts/*.png}).
 *
 * <p>Ratios always read "how many times better Turnstile is": baseline time ÷ Turnstile time for latencies,
 * Turnstile rate ÷ baseline rate for rates. Below 1× Turnstile is worse.
 */
public final class Report {
    /** The header of a hop table with one column per design, in {@link #IMPLS}' order. */
    private static final String PER_DESIGN_HEADER = "| journal | offered/s | Turnstile | Turnstile, blocking wait "
            + "| Turnstile, pinned | (a) Codex arch. | (b) executor |\n|---|---|---|---|---|---|---|\n";
    static final List<String> IMPLS = List.of("turnstile", "turnstile-blocking", "turnstile-pinned", "codex",
            "executor");
    static final String[][] LIFECYCLE = {
            {"RollbackBenchmark", "Rollback of 1 turn"},
            {"ResumeBenchmark", "Resume"},
            {"ForkBenchmark", "Fork"}};

    private final Results results;
    private final StringBuilder md = new StringBuilder();

    private Report(Results results) {
        this.results = results;
    }

    static String label(String impl) {
        return switch (impl) {
            case "turnstile" -> "Turnstile";
            case "turnstile-blocking" -> "Turnstile, blocking wait";
            case "turnstile-pinned" -> "Turnstile, pinned";
            case "codex" -> "(a) Codex arch.";
            case "executor" -> "(b) executor";
            default -> impl;
        };
    }

    /** Reads {@code directory}'s results and writes {@code report.md} and {@code charts/} there. */
    public static Path render(Path directory) throws IOException {
        Results results = Results.load(directory);
        List<String> charts = Charts.write(results, directory.resolve("charts"));
        Report report = new Report(results);
        String text = report.build(charts) + Profiles.summarize(directory.resolve("profiles"));
        Path file = directory.resolve("report.md");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The report's Markdown (without charts when {@code charts} is empty). */
    String build(List<String> charts) {
        header();
        targets();
        hop();
        throughput();
        lifecycle();
        journal();
        memory();
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            for (String chart : charts) {
                md.append("![").append(chart.replace(".png", "").replace('-', ' ')).append("](charts/")
                        .append(chart).append(")\n\n");
            }
        }
        return md.toString();
    }

    private void header() {
        JsonNode run = results.run();
        md.append("# Turnstile benchmarks\n\n");
        md.append("| | |\n|---|---|\n");
        row("date", run.path("date").asText(Fmt.NONE));
        row("profile", run.path("profile").asText(Fmt.NONE) + " (" + run.path("duration").asText(Fmt.NONE) + ")");
        row("machine", run.path("machine").asText(Fmt.NONE));
        row("JDK", run.path("jdk").asText(Fmt.NONE));
        row("load average (1 min) before / after", run.path("loadStart").asText(Fmt.NONE) + " / "
                + run.path("loadEnd").asText(Fmt.NONE) + " (the benchmarks add up to 2 while they run; more is other "
                + "work competing for the cores, and microsecond latencies then measure the scheduler)");
        if (run.path("jitter").size() > 0) {
            row("machine jitter, just before the run", jitter(run.path("jitter")));
        }
        row("command", "`" + run.path("command").asText("./turnstile bench") + "`");
        md.append("\nEvery number comes from this run, Turnstile and its baselines on the same machine. Ratios read "
                + "\"times better than the baseline\" (baseline time ÷ Turnstile time; Turnstile rate ÷ baseline "
                + "rate): below 1× Turnstile is worse. (a) is the Codex architecture on the JVM (a queue of 512 and a "
                + "task per session, a JSONL writer task flushing every line, whole-file reads); (b) a single-thread "
                + "executor over a `LinkedBlockingQueue` per shard, on Turnstile's journal.\n");
    }

    /**
     * The jitter probe's findings, a CPU at a time: how often a thread spinning there was kept from running. Where
     * this takes 1% of the time or more, no spinning design's p99 on that machine can be below the interruptions.
     */
    private static String jitter(JsonNode cpus) {
        List<String> parts = new ArrayList<>();
        for (JsonNode cpu : cpus) {
            int number = cpu.path("cpu").asInt(-1);
            parts.add(String.format(Locale.ROOT, "%s: %,.0f interruptions/s of ≥ 10 µs, %.2f%% of the time, "
                            + "longest %s µs", number < 0 ? "a CPU (unpinned)" : "CPU " + number,
                    cpu.path("gapsPerSecond").asDouble(), cpu.path("lostPercent").asDouble(),
                    Fmt.num(cpu.path("longestMicros").asDouble())));
        }
        return String.join("; ", parts) + " (a thread spinning on each for "
                + Fmt.num(cpus.get(0).path("seconds").asDouble()) + " s: an entry arriving at a random moment finds "
                + "the CPU that must pick it up taken away that share of the time, whatever the design)";
    }

    private void row(String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    // ---- targets -----------------------------------------------------------------------------------

    private record Target(String name, String measured, Boolean met) {
    }

    /** A hop percentile and the Turnstile run it came from (its impl; null when none ran). */
    private record BestHop(double value, String impl) {
        /** " (default)", " (pinned)", or "" when none ran. */
        String which() {
            return impl == null ? "" : impl.equals("turnstile") ? " (default)" : " (pinned)";
        }
    }

    /** ", cores' round trip 480 ns" for the hop trial a target took its value from, where it was measured. */
    private String coresNote(String impl, String rate) {
        if (impl == null) {
            return "";
        }
        String range = coresRoundTrip(impl, "true", rate);
        return range.equals(Fmt.NONE) ? "" : " (CPUs' round trip " + range + " ns)";
    }

    /** The lower of Turnstile's default and pinned hop at this percentile, with the journal. */
    private BestHop bestHop(String rate, double percentile) {
        double best = Double.NaN;
        String bestImpl = null;
        for (String impl : List.of("turnstile", "turnstile-pinned")) {
            Result r = results.find("DispatchHopBenchmark", "impl", impl, "journal", "true", "rate", rate);
            double value = r == null ? Double.NaN : Fmt.or(r.percentile(percentile));
            if (known(value) && (!known(best) || value < best)) {
                best = value;
                bestImpl = impl;
            }
        }
        return new BestHop(best, bestImpl);
    }

    List<Target> evaluate() {
        List<Target> targets = new ArrayList<>();
        String topRate = "100000";
        // As for throughput, the best way to run Turnstile counts: its default, or with the shard thread pinned.
        Result hopA = results.find("DispatchHopBenchmark", "impl", "codex", "journal", "true", "rate", topRate);
        BestHop p50Best = bestHop(topRate, 50);
        BestHop p99Best = bestHop(topRate, 99);
        double p50 = p50Best.value();
        double p99 = p99Best.value();
        double p99a = hopA == null ? Double.NaN : Fmt.or(hopA.percentile(99));
        targets.add(new Target("dispatch hop with journal at 100,000/s: p50 ≤ 1 µs", Fmt.num(p50) + " µs"
                + p50Best.which() + coresNote(p50Best.impl(), topRate), known(p50) ? p50 <= 1 : null));
        targets.add(new Target("dispatch hop with journal at 100,000/s: p99 ≤ 10 µs", Fmt.num(p99) + " µs"
                + p99Best.which(), known(p99) ? p99 <= 10 : null));
        targets.add(new Target("dispatch hop p99 ≥ 10× lower than (a)", Fmt.ratio(p99a, p99) + p99Best.which(),
                known(p99) && known(p99a) ? p99a / p99 >= 10 : null));

        double best = Double.NaN;
        String bestShards = "";
        for (Result r : results.of("ThroughputBenchmark")) {
            if (r.param("impl").startsWith("turnstile") && r.param("threads").equals("10000")
                    && (Double.isNaN(best) || r.score() > best)) {
                best = r.score();
                bestShards = r.param("shards") + " shard" + (r.param("shards").equals("1") ? "" : "s")
                        + (r.param("impl").equals("turnstile") ? "" : ", blocking wait");
            }
        }
        Result codexThroughput = results.find("ThroughputBenchmark", "impl", "codex", "threads", "10000");
        double codex = codexThroughput == null ? Double.NaN : codexThroughput.score();
        targets.add(new Target("throughput with journaling, 10,000 threads: ≥ 2,000,000/s",
                Fmt.num(best) + "/s (best: " + bestShards + ")", known(best) ? best >= 2_000_000 : null));
        targets.add(new Target("throughput ≥ 10× (a)", Fmt.ratio(best, codex),
                known(best) && known(codex) ? best / codex >= 10 : null));

        for (String[] op : new String[][] {{"RollbackBenchmark", "rollback of 1 turn"}, {"ResumeBenchmark",
                "resume"}}) {
            double small = p50(op[0], "turnstile", "10");
            double large = p50(op[0], "turnstile", "10000");
            double baseline = p50(op[0], "codex", "10000");
            targets.add(new Target(op[1] + ": flat from 10 to 10,000 turns (p50 at 10,000 ≤ 2× p50 at 10)",
                    Fmt.num(small) + " → " + Fmt.num(large) + " ms", known(small) && known(large)
                    ? large <= 2 * small : null));
            if (op[0].equals("RollbackBenchmark")) {
                targets.add(new Target("rollback of 1 turn at 10,000 turns ≤ 1 ms (p50)", Fmt.num(large) + " ms",
                        known(large) ? large <= 1 : null));
            }
            targets.add(new Target(op[1] + " at 10,000 turns ≥ 100× faster than (a)", Fmt.ratio(baseline, large),
                    known(large) && known(baseline) ? baseline / large >= 100 : null));
        }

        double forkWorst = Double.NaN;
        double bytesWorst = Double.NaN;
        for (String turns : results.values("ForkBenchmark", "turns")) {
            double p = p50("ForkBenchmark", "turnstile", turns);
            if (known(p)) {
                forkWorst = Double.isNaN(forkWorst) ? p : Math.max(forkWorst, p);
            }
            double b = Fmt.or(results.extra("ForkBenchmark", "bytes written per fork, max", "impl", "turnstile",
                    "turns", turns));
            if (known(b)) {
                bytesWorst = Double.isNaN(bytesWorst) ? b : Math.max(bytesWorst, b);
            }
        }
        targets.add(new Target("fork ≤ 1 ms whatever the parent's size (worst p50)", Fmt.num(forkWorst) + " ms",
                known(forkWorst) ? forkWorst <= 1 : null));
        targets.add(new Target("fork writes ≤ 1 KB whatever the parent's size (worst)", Fmt.bytes(bytesWorst),
                known(bytesWorst) ? bytesWorst <= 1024 : null));

        OptionalDouble heap = results.extra("IdleThreadMemoryBenchmark", "heap per idle thread", "impl",
                "turnstile");
        targets.add(new Target("heap per idle hosted thread ≤ 10 KB (100,000 threads)", Fmt.bytes(Fmt.or(heap)),
                heap.isPresent() ? heap.getAsDouble() <= 10 * 1024 : null));
        return targets;
    }

    private static boolean known(double value) {
        return !Double.isNaN(value);
    }

    private double p50(String benchmark, String impl, String turns) {
        Result result = results.find(benchmark, "impl", impl, "turns", turns);
        return result == null ? Double.NaN : Fmt.or(result.percentile(50));
    }

    private void targets() {
        md.append("\n## Targets\n\n| target | measured | |\n|---|---|---|\n");
        for (Target target : evaluate()) {
            md.append("| ").append(target.name()).append(" | ").append(target.measured()).append(" | ")
                    .append(target.met() == null ? "not measured" : target.met() ? "**met**" : "**missed**")
                    .append(" |\n");
        }
    }

    // ---- tables ------------------------------------------------------------------------------------

    private String pct(Result result, double... percentiles) {
        if (result == null) {
            return Fmt.NONE;
        }
        List<String> parts = new ArrayList<>();
        for (double p : percentiles) {
            parts.add(Fmt.num(result.percentile(p)));
        }
        return String.join(" / ", parts);
    }

    private void hop() {
        if (results.of("DispatchHopBenchmark").isEmpty()) {
            return;
        }
        md.append("\n## Dispatch hop: publish → applied by the owning thread (µs, p50 / p99 / p99.9)\n\n");
        md.append("One entry in flight, sent on a fixed schedule at the offered rate; with a journal the entry's "
                + "record is appended before it counts as applied. JMH SampleTime. Turnstile runs with its default "
                + "(phased: spin, yield, block) wait strategy; \"blocking\" is its blocking wait strategy; "
                + "\"pinned\" is the default with the shard thread pinned to CPU 1 and the client to CPU 0 "
                + "(`--pin-shards`). Ratios compare the default.\n\n");
        md.append("| journal | offered/s | Turnstile | Turnstile, blocking wait | Turnstile, pinned | (a) Codex arch. "
                + "| (b) executor | p99 vs (a) | p99 vs (b) |\n|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder cores = new StringBuilder();
        cores.append("\nWhere the host ran the two CPUs during each trial: the round trip of a cache line between "
                + "CPU 0 and CPU 1 before each measurement iteration (ns, median; lowest–highest over the iterations). "
                + "About 100 ns: cores that share a cache; several hundred: cores that do not, and a hop moves a few "
                + "lines from the client's core to the shard's, so its p50 moves with this whatever the design.\n\n"
                + PER_DESIGN_HEADER);
        boolean coresMeasured = false;
        StringBuilder open = new StringBuilder();
        open.append("\nThe same runs seen by an open-loop client at the offered rate: the rate each design sustained, "
                + "and the p99 measured from each entry's scheduled send time (a design that falls behind queues "
                + "entries; capped near 1 s).\n\n" + PER_DESIGN_HEADER);
        for (String journal : List.of("false", "true")) {
            for (String rate : results.values("DispatchHopBenchmark", "rate")) {
                List<Result> row = new ArrayList<>();
                for (String impl : IMPLS) {
                    row.add(results.find("DispatchHopBenchmark", "impl", impl, "journal", journal, "rate", rate));
                }
                if (row.stream().allMatch(r -> r == null)) {
                    continue;
                }
                String lead = "| " + (journal.equals("true") ? "yes" : "no") + " | "
                        + String.format(Locale.ROOT, "%,d", Long.parseLong(rate)) + " | ";
                md.append(lead);
                for (Result result : row) {
                    md.append(pct(result, 50, 99, 99.9)).append(" | ");
                }
                Result turnstile = row.get(IMPLS.indexOf("turnstile"));
                md.append(Fmt.ratio(p(row.get(IMPLS.indexOf("codex")), 99), p(turnstile, 99))).append(" | ")
                        .append(Fmt.ratio(p(row.get(IMPLS.indexOf("executor")), 99), p(turnstile, 99)))
                        .append(" |\n");
                open.append(lead);
                for (String impl : IMPLS) {
                    OptionalDouble achieved = results.extra("DispatchHopBenchmark", "achieved rate", "impl", impl,
                            "journal", journal, "rate", rate);
                    OptionalDouble p99 = results.extra("DispatchHopBenchmark", "at offered load p99", "impl", impl,
                            "journal", journal, "rate", rate);
                    open.append(achieved.isPresent() ? Fmt.num(achieved) + "/s, p99 " + Fmt.num(p99) + " µs"
                            : Fmt.NONE).append(" | ");
                }
                open.append("\n");
                cores.append(lead);
                for (String impl : IMPLS) {
                    String range = coresRoundTrip(impl, journal, rate);
                    coresMeasured |= !range.equals(Fmt.NONE);
                    cores.append(range).append(" | ");
                }
                cores.append("\n");
            }
        }
        md.append(open);
        if (coresMeasured) {
            md.append(cores);
        }
    }

    /** "480" or "100–490": the CPUs' round trip over a hop trial's measurement iterations, in ns. */
    private String coresRoundTrip(String impl, String journal, String rate) {
        OptionalDouble low = results.extra("DispatchHopBenchmark", "cores round trip min", "impl", impl,
                "journal", journal, "rate", rate);
        OptionalDouble high = results.extra("DispatchHopBenchmark", "cores round trip max", "impl", impl,
                "journal", journal, "rate", rate);
        if (low.isEmpty() || high.isEmpty()) {
            return Fmt.NONE;
        }
        String from = Fmt.num(low);
        String to = Fmt.num(high);
        return from.equals(to) ? from : from + "–" + to;
    }

    private static double p(Result result, double percentile) {
        return result == null ? Double.NaN : Fmt.or(result.percentile(percentile));
    }

    private static double score(Result result) {
        return result == null ? Double.NaN : result.score();
    }

    private void throughput() {
        if (results.of("ThroughputBenchmark").isEmpty()) {
            return;
        }
        md.append("\n## Throughput with journaling (submissions/s)\n\n");
        md.append("One client submits cheap ops round-robin over the hosted threads; a submission counts once it is "
                + "applied and journaled. (a) has no shards: one task per session.\n\n");
        md.append("| threads | shards | Turnstile | Turnstile, blocking wait | (a) Codex arch. | (b) executor "
                + "| vs (a) | vs (b) |\n|---|---|---|---|---|---|---|---|\n");
        for (String threads : results.values("ThroughputBenchmark", "threads")) {
            Result a = results.find("ThroughputBenchmark", "impl", "codex", "threads", threads);
            for (String shards : results.values("ThroughputBenchmark", "shards")) {
                Result t = results.find("ThroughputBenchmark", "impl", "turnstile", "threads", threads, "shards",
                        shards);
                Result b = results.find("ThroughputBenchmark", "impl", "executor", "threads", threads, "shards",
                        shards);
                Result tb = results.find("ThroughputBenchmark", "impl", "turnstile-blocking", "threads", threads,
                        "shards", shards);
                if (t == null && b == null && tb == null) {
                    continue;
                }
                md.append("| ").append(String.format(Locale.ROOT, "%,d", Long.parseLong(threads))).append(" | ")
                        .append(shards).append(" | ").append(Fmt.num(score(t))).append(" | ")
                        .append(Fmt.num(score(tb))).append(" | ")
                        .append(Fmt.num(score(a))).append(" | ").append(Fmt.num(score(b))).append(" | ")
                        .append(Fmt.ratio(score(t), score(a))).append(" | ").append(Fmt.ratio(score(t), score(b)))
                        .append(" |\n");
            }
        }
    }

    private void lifecycle() {
        boolean any = false;
        for (String[] op : LIFECYCLE) {
            any |= !results.of(op[0]).isEmpty();
        }
        if (!any) {
            return;
        }
        md.append("\n## Rollback, resume and fork against thread length (ms, p50 / p99)\n\n");
        md.append("Threads of N full turns (scripted echo model). Turnstile through its public API; (a) reads the "
                + "whole JSONL file back and, for a fork, copies it.\n\n");
        md.append("| operation | turns | Turnstile | (a) Codex arch. | vs (a), p50 | bytes written: Turnstile / (a) |\n"
                + "|---|---|---|---|---|---|\n");
        for (String[] op : LIFECYCLE) {
            for (String turns : results.values(op[0], "turns")) {
                Result t = results.find(op[0], "impl", "turnstile", "turns", turns);
                Result a = results.find(op[0], "impl", "codex", "turns", turns);
                String bytes = op[0].equals("ForkBenchmark")
                        ? Fmt.bytes(Fmt.or(results.extra(op[0], "bytes written per fork", "impl", "turnstile",
                        "turns", turns))) + " / " + Fmt.bytes(Fmt.or(results.extra(op[0], "bytes written per fork",
                        "impl", "codex", "turns", turns)))
                        : "";
                md.append("| ").append(op[1]).append(" | ").append(String.format(Locale.ROOT, "%,d",
                        Long.parseLong(turns))).append(" | ").append(pct(t, 50, 99)).append(" | ")
                        .append(pct(a, 50, 99)).append(" | ").append(Fmt.ratio(p(a, 50), p(t, 50))).append(" | ")
                        .append(bytes).append(" |\n");
            }
        }
    }

    private void journal() {
        Result appendT = results.find("JournalAppendBenchmark", "impl", "turnstile");
        Result appendA = results.find("JournalAppendBenchmark", "impl", "codex");
        Result replayT = results.find("JournalReplayBenchmark", "impl", "turnstile");
        Result replayA = results.find("JournalReplayBenchmark", "impl", "codex");
        if (appendT == null && appendA == null && replayT == null && replayA == null) {
            return;
        }
        md.append("\n## Journal\n\n| measure | Turnstile | (a) Codex arch. | vs (a) |\n|---|---|---|---|\n");
        md.append("| append, records/s (one writer, ~330-byte rollout item) | ").append(Fmt.num(score(appendT)))
                .append(" | ").append(Fmt.num(score(appendA))).append(" | ")
                .append(Fmt.ratio(score(appendT), score(appendA))).append(" |\n");
        double itemsT = replayT == null ? Double.NaN : replayT.secondary().getOrDefault("items", Double.NaN);
        double itemsA = replayA == null ? Double.NaN : replayA.secondary().getOrDefault("items", Double.NaN);
        String turns = replayT != null ? replayT.param("turns") : replayA != null ? replayA.param("turns") : "?";
        md.append("| replay, rollout items read and decoded/s (a ").append(turns).append("-turn thread) | ")
                .append(Fmt.num(itemsT)).append(" | ").append(Fmt.num(itemsA)).append(" | ")
                .append(Fmt.ratio(itemsT, itemsA)).append(" |\n");
    }

    private void memory() {
        if (results.of("IdleThreadMemoryBenchmark").isEmpty()) {
            return;
        }
        md.append("\n## Memory per idle hosted thread\n\n| | heap per idle thread | time to start them all |\n"
                + "|---|---|---|\n");
        for (String impl : IMPLS) {
            Result result = results.find("IdleThreadMemoryBenchmark", "impl", impl);
            if (result == null) {
                continue;
            }
            md.append("| ").append(label(impl)).append(" (").append(String.format(Locale.ROOT, "%,d",
                    Long.parseLong(result.param("threads")))).append(" threads) | ")
                    .append(Fmt.bytes(Fmt.or(results.extra("IdleThreadMemoryBenchmark", "heap per idle thread",
                            "impl", impl)))).append(" | ").append(Fmt.num(result.score())).append(" ")
                    .append(result.unit().replace("/op", "")).append(" |\n");
        }
    }
}
