package dev.turnstile.bench.report;

import dev.turnstile.bench.report.Results.Result;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's charts, as PNG files: latency percentile curves of the dispatch hop, throughput against hosted
 * threads, and rollback, resume and fork cost against thread length. Axes are logarithmic where the values span
 * decades, so a baseline a hundred times slower still fits beside Turnstile.
 */
final class Charts {
    static final String HOP = "dispatch-hop-percentiles.png";
    static final String THROUGHPUT = "throughput-vs-threads.png";
    static final String LIFECYCLE = "rollback-resume-fork-vs-turns.png";
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    private Charts() {
    }

    /** Writes every chart the results allow; returns the file names written (relative to {@code directory}). */
    static List<String> write(Results results, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(directory);
        List<String> written = new ArrayList<>();
        if (hop(results, directory.resolve(HOP))) {
            written.add(HOP);
        }
        if (throughput(results, directory.resolve(THROUGHPUT))) {
            written.add(THROUGHPUT);
        }
        if (lifecycle(results, directory.resolve(LIFECYCLE))) {
            written.add(LIFECYCLE);
        }
        return written;
    }

    private static XYChart chart(String title, String xTitle, String yTitle, int width) {
        XYChart chart = new XYChartBuilder().width(width).height(480).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /** p50 … max of the hop, with and without the journal side by side, at the highest offered rate measured. */
    private static boolean hop(Results results, Path file) throws IOException {
        List<String> rates = results.values("DispatchHopBenchmark", "rate");
        if (rates.isEmpty()) {
            return false;
        }
        String rate = rates.get(rates.size() - 1);
        List<String> labels = new ArrayList<>();
        for (double p : PERCENTILES) {
            labels.add(p >= 100 ? "max" : "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)));
        }
        List<CategoryChart> charts = new ArrayList<>();
        for (String journal : List.of("true", "false")) {
            CategoryChart chart = new CategoryChartBuilder().width(640).height(500)
                    .title((journal.equals("true") ? "With" : "Without") + " journal append, "
                            + String.format(Locale.ROOT, "%,d", Long.parseLong(rate)) + "/s offered")
                    .xAxisTitle("percentile").yAxisTitle("µs (log)").build();
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            chart.getStyler().setOverlapped(true);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setMarkerSize(7);
            for (String impl : Report.IMPLS) {
                Result result = results.find("DispatchHopBenchmark", "impl", impl, "journal", journal, "rate", rate);
                if (result == null || result.percentiles().isEmpty()) {
                    continue;
                }
                List<Double> ys = new ArrayList<>();
                for (double p : PERCENTILES) {
                    ys.add(Math.max(1e-3, result.percentile(p).orElse(Double.NaN)));
                }
                if (ys.stream().noneMatch(y -> y.isNaN())) {
                    chart.addSeries(Report.label(impl), labels, ys);
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                charts.add(chart);
            }
        }
        if (charts.isEmpty()) {
            return false;
        }
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }

    /** Journaled submissions/s against hosted threads, one line per design and shard count. */
    private static boolean throughput(Results results, Path file) throws IOException {
        List<Result> all = results.of("ThroughputBenchmark");
        if (all.isEmpty()) {
            return false;
        }
        XYChart chart = chart("Throughput with journaling", "hosted threads (log)", "submissions/s (log)", 900);
        chart.getStyler().setXAxisLogarithmic(true);
        for (String impl : Report.IMPLS) {
            for (String shards : results.values("ThroughputBenchmark", "shards")) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (String threads : results.values("ThroughputBenchmark", "threads")) {
                    Result result = results.find("ThroughputBenchmark", "impl", impl, "shards", shards, "threads",
                            threads);
                    if (result != null) {
                        xs.add(Double.parseDouble(threads));
                        ys.add(result.score());
                    }
                }
                if (!xs.isEmpty()) {
                    chart.addSeries(Report.label(impl) + (impl.equals("codex") ? "" : " · " + shards + " shard"
                            + (shards.equals("1") ? "" : "s")), xs, ys);
                }
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }

    /** p50 of rollback, resume and fork against the thread's length, side by side. */
    private static boolean lifecycle(Results results, Path file) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (String[] op : Report.LIFECYCLE) {
            List<Result> all = results.of(op[0]);
            if (all.isEmpty()) {
                continue;
            }
            XYChart chart = chart(op[1] + " (p50)", "turns in the thread (log)", "ms (log)", 500);
            chart.getStyler().setXAxisLogarithmic(true);
            for (String impl : Report.IMPLS) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (String turns : results.values(op[0], "turns")) {
                    Result result = results.find(op[0], "impl", impl, "turns", turns);
                    if (result != null && result.percentile(50).isPresent()) {
                        xs.add(Double.parseDouble(turns));
                        ys.add(Math.max(1e-3, result.percentile(50).getAsDouble()));
                    }
                }
                if (!xs.isEmpty()) {
                    chart.addSeries(Report.label(impl), xs, ys);
                }
            }
            charts.add(chart);
        }
        if (charts.isEmpty()) {
            return false;
        }
        BitmapEncoder.saveBitmap(charts, 1, charts.size(), file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }
}
