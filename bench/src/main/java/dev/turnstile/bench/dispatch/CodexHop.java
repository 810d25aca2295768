package dev.turnstile.bench.dispatch;

import dev.turnstile.bench.baseline.codex.CodexFiles;
import dev.turnstile.bench.support.BenchDirs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Baseline (a)'s hop: the session's bounded queue (512) drained by the session's virtual thread; with
 * {@code journal}, the session hands the entry to its rollout writer's bounded queue (256), and the writer
 * (another virtual thread) serialises it with Jackson, appends the line and flushes it — then it counts as applied,
 * the same point Turnstile's hop reaches when its record is in the journal.
 */
final class CodexHop implements HopTarget {
    private record Entry(long ticket, long timestampMillis) {
    }

    private static final Entry STOP = new Entry(-1, 0);

    private final ArrayBlockingQueue<Entry> submissions = new ArrayBlockingQueue<>(512);
    private final ArrayBlockingQueue<Entry> writes = new ArrayBlockingQueue<>(256);
    private final boolean journal;
    private final Path parent;
    private final Thread session;
    private final Thread writer;
    private volatile Path file;
    private volatile OutputStream out;
    private long published;
    private volatile long applied;

    CodexHop(boolean journal, Path directory) {
        this.journal = journal;
        this.parent = directory;
        if (journal) {
            openFile();
        }
        this.session = Thread.ofVirtual().start(this::sessionLoop);
        this.writer = journal ? Thread.ofVirtual().start(this::writeLoop) : null;
    }

    private void openFile() {
        try {
            file = parent.resolve("rollout-" + System.nanoTime() + ".jsonl");
            out = new BufferedOutputStream(Files.newOutputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long publish() {
        long ticket = ++published;
        try {
            submissions.put(new Entry(ticket, System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ticket;
    }

    @Override
    public long applied() {
        return applied;
    }

    private void sessionLoop() {
        try {
            while (true) {
                Entry entry = submissions.take();
                if (entry == STOP) {
                    if (journal) {
                        writes.put(STOP);
                    }
                    return;
                }
                if (journal) {
                    writes.put(entry);
                } else {
                    applied = entry.ticket();
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Entry entry = writes.take();
                if (entry == STOP) {
                    return;
                }
                OutputStream target = out;
                target.write(CodexFiles.encodeSubmission(COMMAND, entry.timestampMillis()));
                target.write('\n');
                target.flush();
                applied = entry.ticket();
            }
        } catch (InterruptedException e) {
            // closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void rotateJournal() {
        if (!journal) {
            return;
        }
        while (applied < published) {
            Thread.onSpinWait(); // nothing may be in flight while the file changes
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BenchDirs.delete(file);
        openFile();
    }

    @Override
    public void close() {
        try {
            submissions.put(STOP);
            session.join();
            if (writer != null) {
                writer.join();
                out.close();
                BenchDirs.delete(file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
