package dev.turnstile.server.cli;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalConfig;
import java.io.IOException;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A running host and its journal, opened and closed in the right order: the journal first (it takes the data
 * directory's lock and brings the thread index up to date, with a progress bar when it must scan), then the host;
 * on close the host first (its threads' channels close and the ring drains), then the journal (it saves the index).
 */
final class HostRuntime implements AutoCloseable {
    private final ChronicleJournal journal;
    private final TurnstileHost host;

    private HostRuntime(ChronicleJournal journal, TurnstileHost host) {
        this.journal = journal;
        this.host = host;
    }

    static HostRuntime open(HostOptions options, String purpose, PrintStream diagnostics) throws IOException {
        HostConfig config = options.hostConfig();
        if (options.ephemeral()) {
            return new HostRuntime(null, TurnstileHost.start(config));
        }
        ChronicleJournal journal = openJournal(new JournalConfig(options.data(), options.pipelineConfig().shards(),
                options.durability(), purpose, options.readAhead()), diagnostics);
        try {
            return new HostRuntime(journal, TurnstileHost.start(config.withRollouts(journal)));
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    /** Opens the journal; if its index must be caught up by scanning, shows how far the scan got. */
    static ChronicleJournal openJournal(JournalConfig config, PrintStream diagnostics) throws IOException {
        ProgressBar[] bar = {null};
        try {
            return ChronicleJournal.open(config, scanned -> {
                if (bar[0] == null && scanned >= 10_000) {
                    bar[0] = new ProgressBarBuilder().setTaskName("Indexing journal").setInitialMax(-1)
                            .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                                    diagnostics)).setUnit(" records", 1).build();
                }
                if (bar[0] != null) {
                    bar[0].stepTo(scanned);
                }
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
    }

    /** Opens a data directory's journal for offline reading: it must exist, and no server may be using it. */
    static ChronicleJournal openReplay(java.nio.file.Path data, PrintStream diagnostics) throws IOException {
        java.nio.file.Path journalDirectory = data.resolve("journal");
        if (!java.nio.file.Files.isDirectory(journalDirectory)) {
            throw new IllegalArgumentException("no journal in " + data + " (run ./turnstile demo or proto with --data "
                    + data + " first, or pass the right --data)");
        }
        long shards;
        try (var dirs = java.nio.file.Files.list(journalDirectory)) {
            shards = dirs.filter(p -> p.getFileName().toString().matches("shard-\\d+")).count();
        }
        return openJournal(new JournalConfig(data, (int) Math.max(1, shards),
                dev.turnstile.journal.queue.Durability.OS, "turnstile replay"), diagnostics);
    }

    TurnstileHost host() {
        return host;
    }

    /** The journal, or null when the host runs without one ({@code --ephemeral}). */
    ChronicleJournal journal() {
        return journal;
    }

    String describePersistence() {
        return journal == null ? "not persisted (--ephemeral)" : journal.describe();
    }

    @Override
    public void close() throws IOException {
        try {
            host.close();
        } finally {
            if (journal != null) {
                journal.close();
            }
        }
    }
}
