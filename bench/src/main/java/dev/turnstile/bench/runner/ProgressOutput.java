package dev.turnstile.bench.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output for people: its full log goes to a file, and the console gets one line per trial (what runs, then
 * its score), with the trial's number out of the profile's total and the time so far.
 */
final class ProgressOutput implements OutputFormat {
    private final OutputFormat log;
    private final PrintStream console;
    private final int total;
    private final long started;
    private int done;

    ProgressOutput(OutputFormat log, PrintStream console, int total, long started, int doneBefore) {
        this.log = log;
        this.console = console;
        this.total = total;
        this.started = started;
        this.done = doneBefore;
    }

    int done() {
        return done;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        log.startBenchmark(params);
        Map<String, String> values = new TreeMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        String name = params.getBenchmark().replaceAll(".*\\.(\\w+)Benchmark\\.(\\w+)$", "$1");
        console.printf(Locale.ROOT, "[%2d/%d %s] %-14s %s ... ", done + 1, total, elapsed(), name,
                values.toString().replaceAll("[{}]", "").replace(", ", " "));
        console.flush();
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
        done++;
        if (result == null) {
            console.println("failed (see jmh.log)");
            return;
        }
        Result<?> primary = result.getPrimaryResult();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,.3f %s", primary.getScore(),
                primary.getScoreUnit()));
        if (primary.getStatistics().getN() > 0 && result.getParams().getMode().shortLabel().equals("sample")) {
            line.append(String.format(Locale.ROOT, "  (p50 %,.3f, p99 %,.3f)",
                    primary.getStatistics().getPercentile(50), primary.getStatistics().getPercentile(99)));
        }
        console.println(line);
    }

    private String elapsed() {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
        console.flush();
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
