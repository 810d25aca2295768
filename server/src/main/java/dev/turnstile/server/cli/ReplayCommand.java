package dev.turnstile.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.record.JournalRecord;
import dev.turnstile.journal.codex.CodexImport;
import dev.turnstile.journal.replay.CodexExport;
import dev.turnstile.journal.replay.ThreadState;
import dev.turnstile.server.replay.StateJson;
import dev.turnstile.journal.replay.ThreadRecords;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.server.replay.Timeline;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./turnstile replay}: offline debugging of a data directory that no server is using. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Read a data directory's journal offline: list threads, show a thread's timeline, its state at "
                + "any record, the difference between two records; export a thread to Codex JSONL, import one.",
            "The directory must not be in use by a running turnstile (its lock says by which)."},
        subcommands = {ReplayCommand.ListThreads.class, ReplayCommand.Show.class, ReplayCommand.State.class,
            ReplayCommand.Diff.class, ReplayCommand.Export.class, ReplayCommand.Import.class})
public final class ReplayCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every replay subcommand has. */
    static final class Common {
        @Option(names = "--data", paramLabel = "DIR", converter = OptionConverters.DataDirectory.class,
                description = "Data directory (default: ${DEFAULT-VALUE}).")
        Path data = Path.of("./turnstile-data");

        @Option(names = "--json", description = "Machine-readable output (JSON).")
        boolean json;

        ChronicleJournal open() throws IOException {
            return HostRuntime.openReplay(data, System.err);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The threads in the journal, most recently active first: turns, records, size, state.")
    static final class ListThreads implements Callable<Integer> {
        @Mixin
        Common common;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (ChronicleJournal journal = common.open()) {
                List<ThreadEntry> threads = journal.index().byLastActivity();
                if (common.json) {
                    ArrayNode array = JSON.createArrayNode();
                    for (ThreadEntry entry : threads) {
                        array.add(JSON.valueToTree(entry.snapshot()));
                    }
                    out.println(JSON.writeValueAsString(array));
                } else {
                    out.printf("%-36s %6s %8s %10s  %-24s %s%n", "THREAD", "TURNS", "RECORDS", "SIZE",
                            "LAST ACTIVITY", "STATE");
                    for (ThreadEntry entry : threads) {
                        out.printf("%-36s %6d %8d %10s  %-24s %s%n", entry.id(), entry.turns(), entry.records(),
                                Timeline.size(entry.payloadBytes()), Instant.ofEpochMilli(entry.lastActivityMillis()),
                                Timeline.state(entry));
                    }
                    out.printf("%d thread(s) in %s%n", threads.size(), common.data);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A thread's timeline: every record with its journal position, turns marked.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "THREAD", description = "The thread id (see replay list).")
        String thread;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (ChronicleJournal journal = common.open()) {
                ThreadEntry entry = ThreadRecords.entry(journal, thread);
                List<JournalRecord> records = ThreadRecords.read(journal, thread);
                if (common.json) {
                    ArrayNode array = JSON.createArrayNode();
                    for (JournalRecord record : records) {
                        array.add(Timeline.toJson(record));
                    }
                    out.println(JSON.writeValueAsString(array));
                } else {
                    Timeline.render(entry, records, out);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true,
            description = "A thread's history and settings as of one of its records, as JSON (what a resume would "
                    + "rebuild there).")
    static final class State implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "THREAD", description = "The thread id (see replay list).")
        String thread;

        @Option(names = "--at", paramLabel = "RECORD", description = "The record: its # in replay show, or "
                + "SHARD:HEXINDEX (default: the newest).")
        String at;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (ChronicleJournal journal = common.open()) {
                out.println(JSON.writeValueAsString(StateJson.of(thread, ThreadState.at(journal, thread, at))));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What changed in a thread between two of its records: settings, and history items "
                    + "dropped or added (JSON).")
    static final class Diff implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "THREAD", description = "The thread id (see replay list).")
        String thread;

        @Option(names = "--from", paramLabel = "RECORD", required = true,
                description = "The earlier record: its # in replay show, or SHARD:HEXINDEX.")
        String from;

        @Option(names = "--to", paramLabel = "RECORD", description = "The later record (default: the newest).")
        String to;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (ChronicleJournal journal = common.open()) {
                out.println(JSON.writeValueAsString(StateJson.diff(thread, ThreadState.at(journal, thread, from),
                        ThreadState.at(journal, thread, to))));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import Codex rollout JSONL files as threads (pinned format, or Codex 0.169's segments: "
                    + "give a thread's segments oldest first).",
                "Lines that cannot be read are skipped and reported; nothing else is lost."})
    static final class Import implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Rollout files, oldest first.")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            java.nio.file.Files.createDirectories(common.data.resolve("journal"));
            try (ChronicleJournal journal = common.open()) {
                ArrayNode results = JSON.createArrayNode();
                for (Path file : files) {
                    CodexImport.Result result = CodexImport.importFile(journal, file, 0);
                    if (common.json) {
                        results.add(JSON.valueToTree(result));
                    } else {
                        out.printf("%s: %d line(s) into thread %s (%s)%n", file, result.imported(), result.threadId(),
                                result.mode());
                        for (String bad : result.badLines()) {
                            out.println("  skipped " + bad);
                        }
                    }
                }
                if (common.json) {
                    out.println(JSON.writeValueAsString(results));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export a thread as a Codex rollout JSONL file (to stdout, or --out FILE).")
    static final class Export implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "THREAD", description = "The thread id (see replay list).")
        String thread;

        @Option(names = "--format", paramLabel = "FORMAT", description = "Only codex-jsonl (the default).")
        String format = "codex-jsonl";

        @Option(names = "--out", paramLabel = "FILE", converter = OptionConverters.OutputFile.class,
                description = "Write to FILE instead of stdout.")
        Path outFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("codex-jsonl")) {
                throw new IllegalArgumentException("unknown --format '" + format + "'; expected codex-jsonl");
            }
            try (ChronicleJournal journal = common.open();
                 OutputStream out = new BufferedOutputStream(outFile == null
                         ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(outFile))) {
                long lines = CodexExport.write(journal, thread, out);
                if (outFile != null) {
                    spec.commandLine().getErr().println("turnstile replay: " + lines + " line(s) written to " + outFile);
                }
            } catch (IOException e) {
                if (outFile == null && "Broken pipe".equals(e.getMessage())) {
                    return 0; // the reader stopped early (e.g. | head): not an error
                }
                throw e;
            }
            return 0;
        }
    }

}
