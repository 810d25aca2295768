package dev.turnstile.bench.journal;

import dev.turnstile.bench.baseline.codex.CodexFiles;
import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.queue.ShardJournal;
import dev.turnstile.journal.record.PayloadWriter;
import dev.turnstile.journal.record.RecordKind;
import dev.turnstile.journal.record.RecordLayout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * <b>Journal append rate</b>: rollout records appended per second by one writer thread, each a typical rollout
 * item (an assistant message, ~330 bytes of JSON) serialised with Jackson.
 *
 * <p><b>Against</b>: baseline (a), Codex's rollout writer: the same item serialised with the same Jackson codec to
 * a JSONL line, appended to the file and flushed per item.
 *
 * <p><b>Why it is fair</b>: same item, same codec, same bytes of JSON; both end at the same promise (in the
 * operating system's page cache, no fsync): Chronicle's memory-mapped queue with Turnstile's 64-byte record header
 * and chain pointer, or a write system call per line. The queue or file is deleted after every iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JournalAppendBenchmark {
    private static final UUID THREAD = UUID.fromString("01900000-0000-7000-8000-000000000002");

    @Param({"turnstile", "codex"})
    public String impl;

    private Path directory;
    private ShardJournal journal;
    private OutputStream file;
    private long ordinal;
    private long previous;
    private final PayloadWriter payload = out -> ProtocolCodec.shared().mapper().writeValue(out,
            new RolloutLine(CodexFiles.timestamp(System.currentTimeMillis()), Samples.AGENT_MESSAGE));

    @Setup(Level.Iteration)
    public void open() throws IOException {
        directory = BenchDirs.create("append");
        if (impl.equals("turnstile")) {
            journal = ShardJournal.open(directory.resolve("shard-0"), 0, Durability.OS);
            ordinal = 0;
            previous = RecordLayout.NO_PREVIOUS;
        } else {
            file = new BufferedOutputStream(Files.newOutputStream(directory.resolve("rollout.jsonl")));
        }
    }

    @Benchmark
    public long append() throws IOException {
        if (journal != null) {
            previous = journal.append(RecordKind.ROLLOUT, THREAD.getMostSignificantBits(),
                    THREAD.getLeastSignificantBits(), ordinal++, ordinal, System.currentTimeMillis(), previous,
                    RecordLayout.SAME_SHARD, payload);
            journal.flush();
            return previous;
        }
        byte[] line = CodexFiles.encode(Samples.AGENT_MESSAGE, System.currentTimeMillis());
        file.write(line);
        file.write('\n');
        file.flush();
        return line.length;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        if (journal != null) {
            journal.close();
            journal = null;
        } else {
            file.close();
        }
        BenchDirs.delete(directory);
    }
}
