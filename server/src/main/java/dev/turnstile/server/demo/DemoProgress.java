package dev.turnstile.server.demo;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The demo's progress bar on stderr (stdout is kept for the report). A monitor thread copies the finished-turn
 * count into the bar, so neither the clients nor the dispatch threads ever touch it.
 */
public final class DemoProgress implements AutoCloseable {
    private static final long REFRESH_MILLIS = 100;

    private final ProgressBar bar;
    private final LongSupplier finishedTurns;
    private final LongSupplier ringOccupancy;
    private final Thread monitor;
    private volatile boolean stopped;

    private DemoProgress(PrintStream out, long totalTurns, LongSupplier finishedTurns, LongSupplier ringOccupancy) {
        this.finishedTurns = finishedTurns;
        this.ringOccupancy = ringOccupancy;
        this.bar = new ProgressBarBuilder()
                .setTaskName("turns")
                .setInitialMax(totalTurns)
                .setStyle(ProgressBarStyle.ASCII)
                // A fixed width: asking the terminal for it would open one, which fails noisily without a tty.
                .setConsumer(new ConsoleProgressBarConsumer(out, terminalWidth()))
                .setUpdateIntervalMillis((int) REFRESH_MILLIS)
                .showSpeed()
                .build();
        this.monitor = Thread.ofPlatform().name("turnstile-demo-progress").daemon(true).start(this::monitor);
    }

    /** Starts showing progress. */
    public static DemoProgress start(PrintStream out, long totalTurns, LongSupplier finishedTurns,
                                     LongSupplier ringOccupancy) {
        return new DemoProgress(out, totalTurns, finishedTurns, ringOccupancy);
    }

    private void monitor() {
        while (!stopped) {
            update();
            try {
                Thread.sleep(REFRESH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void update() {
        bar.stepTo(finishedTurns.getAsLong());
        bar.setExtraMessage(" ring " + ringOccupancy.getAsLong());
    }

    /** Shows the final count and ends the bar's line. */
    @Override
    public void close() {
        stopped = true;
        monitor.interrupt();
        try {
            monitor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        update();
        bar.close();
    }

    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null) {
            try {
                return Math.max(40, Integer.parseInt(columns.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return 100;
    }
}
