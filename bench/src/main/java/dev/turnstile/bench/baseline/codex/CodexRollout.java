package dev.turnstile.bench.baseline.codex;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.rollout.ThreadRollout;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * One thread's rollout, the Codex way ({@code RolloutRecorder}, spec §2.1): the session hands items to the
 * recorder's own writer task through a bounded channel (capacity 256), and the writer serialises each item with
 * Jackson, appends it to the thread's JSONL file and flushes it, one line at a time. Items are buffered until the
 * rollout is materialised (the first user message). A rollback reads the whole file back ({@link #load}).
 *
 * <p>The writer is a virtual thread: the JVM's counterpart of the tokio task Codex spawns per recorder.
 *
 * <p>Threading: the {@link ThreadRollout} methods are called by the session's task only; the writer thread owns the
 * file.
 */
final class CodexRollout implements ThreadRollout {
    /** Codex's rollout writer channel capacity. */
    static final int WRITER_QUEUE_CAPACITY = 256;

    /** What the writer is asked to do. */
    private sealed interface Job {
    }

    private record Item(RolloutItem item, long timestampMillis) implements Job {
    }

    private record Entry(Command command, long timestampMillis) implements Job {
    }

    private record Barrier(CountDownLatch done) implements Job {
    }

    private record Close(CountDownLatch done) implements Job {
    }

    private record Buffered(RolloutItem item, long timestampMillis) {
    }

    /** Lines handed to writers and lines written, host-wide: the host is drained when they are equal. */
    record WriteCounters(LongAdder enqueued, LongAdder written) {
        WriteCounters() {
            this(new LongAdder(), new LongAdder());
        }

        boolean idle() {
            return written.sum() == enqueued.sum();
        }
    }

    private final Path file;
    private final SessionMeta meta;
    private final boolean journalSubmissions;
    private final WriteCounters counters;
    private final ArrayBlockingQueue<Job> jobs = new ArrayBlockingQueue<>(WRITER_QUEUE_CAPACITY);
    private final List<Buffered> buffered = new ArrayList<>();
    private boolean materialized;
    private boolean closed;
    private volatile IOException failure;

    CodexRollout(Path file, SessionMeta meta, boolean materialized, boolean journalSubmissions,
                 WriteCounters counters) {
        this.file = file;
        this.meta = meta;
        this.materialized = materialized;
        this.journalSubmissions = journalSubmissions;
        this.counters = counters;
        Thread.ofVirtual().start(this::writeLoop);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    /**
     * Codex journals no submissions. For the benchmarks that count journaled submissions the baseline is asked to
     * keep the same promise Turnstile keeps (every applied submission is on disk), so it writes the submission —
     * the same JSON as Turnstile's entry record — as one more line through the same writer.
     */
    @Override
    public void recordEntry(Command command, long threadSequence, long timestampMillis) {
        if (journalSubmissions && !closed) {
            send(new Entry(command, timestampMillis));
        }
    }

    @Override
    public void append(RolloutItem item, long timestampMillis) {
        if (closed) {
            return;
        }
        if (!materialized) {
            buffered.add(new Buffered(item, timestampMillis));
            return;
        }
        send(new Item(item, timestampMillis));
    }

    @Override
    public void materialize() {
        if (materialized) {
            return;
        }
        materialized = true;
        long first = buffered.isEmpty() ? System.currentTimeMillis() : buffered.get(0).timestampMillis();
        send(new Item(new RolloutItem.SessionMetaLine(meta), first));
        for (Buffered pending : buffered) {
            send(new Item(pending.item(), pending.timestampMillis()));
        }
        buffered.clear();
    }

    /** Writes a fork's copy of its parent's items (spec §2.11) and waits until they are on disk, as Codex does. */
    void writeFork(List<RolloutItem> items, long timestampMillis) {
        materialized = true;
        send(new Item(new RolloutItem.SessionMetaLine(meta), timestampMillis));
        for (RolloutItem item : items) {
            send(new Item(item, timestampMillis));
        }
        awaitWriter();
    }

    @Override
    public boolean materialized() {
        return materialized;
    }

    @Override
    public boolean flushPending() {
        return !buffered.isEmpty();
    }

    /** A batch ended: nothing to push (the writer flushes every line); a rollout with pending items materialises. */
    @Override
    public void flush() {
        if (!buffered.isEmpty()) {
            materialize();
        }
    }

    /** Codex's rollback: flush the recorder, then read the whole file back (spec §2.9 step 4). */
    @Override
    public List<RolloutItem> load() throws IOException {
        awaitWriter();
        List<RolloutItem> items;
        try {
            items = CodexFiles.load(file);
        } catch (NoSuchFileException notYet) {
            items = new ArrayList<>();
        }
        for (Buffered pending : buffered) {
            items.add(pending.item());
        }
        return items;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        CountDownLatch done = new CountDownLatch(1);
        put(new Close(done));
        await(done);
    }

    private void awaitWriter() {
        CountDownLatch done = new CountDownLatch(1);
        put(new Barrier(done));
        await(done);
        IOException failed = failure;
        if (failed != null) {
            throw new java.io.UncheckedIOException("the rollout writer failed", failed);
        }
    }

    private void send(Job job) {
        counters.enqueued().increment();
        put(job);
    }

    private void put(Job job) {
        try {
            jobs.put(job); // the channel is bounded: a slow writer slows the session, as in Codex
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a line to the rollout writer", e);
        }
    }

    private static void await(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the rollout writer", e);
        }
    }

    // ---- the writer task ------------------------------------------------------------------------------

    private void writeLoop() {
        OutputStream out = null;
        while (true) {
            Job job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                switch (job) {
                    case Item item -> {
                        out = open(out);
                        writeLine(out, CodexFiles.encode(item.item(), item.timestampMillis()));
                    }
                    case Entry entry -> {
                        out = open(out);
                        writeLine(out, CodexFiles.encodeSubmission(entry.command(), entry.timestampMillis()));
                    }
                    case Barrier barrier -> barrier.done().countDown();
                    case Close close -> {
                        if (out != null) {
                            out.close();
                        }
                        close.done().countDown();
                        return;
                    }
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                if (job instanceof Item || job instanceof Entry) {
                    counters.written().increment();
                }
            }
        }
    }

    private OutputStream open(OutputStream out) throws IOException {
        if (out != null) {
            return out;
        }
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** Appends one line and flushes it: one write per item, as Codex's {@code JsonlWriter} does. */
    private static void writeLine(OutputStream out, byte[] line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }
}
