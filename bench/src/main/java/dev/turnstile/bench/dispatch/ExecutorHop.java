package dev.turnstile.bench.dispatch;

import java.nio.file.Path;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Baseline (b)'s hop: a task per entry submitted to the shard's single-thread executor ({@link ThreadPoolExecutor}
 * over a {@code LinkedBlockingQueue}); the task appends the same record to the same Chronicle journal and flushes
 * when the queue is empty.
 */
final class ExecutorHop implements HopTarget {
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "executor-hop");
                thread.setDaemon(true);
                return thread;
            });
    private final HopJournal journal;
    private long published;
    private volatile long applied;

    ExecutorHop(boolean journaled, Path directory) {
        this.journal = journaled ? new HopJournal(directory) : null;
    }

    @Override
    public long publish() {
        long ticket = ++published;
        long now = System.currentTimeMillis();
        executor.execute(() -> {
            if (journal != null) {
                journal.append(COMMAND, ticket, now);
                if (executor.getQueue().isEmpty()) {
                    journal.flush();
                }
            }
            applied = ticket;
        });
        return ticket;
    }

    @Override
    public long applied() {
        return applied;
    }

    @Override
    public void rotateJournal() {
        if (journal == null) {
            return;
        }
        Future<?> done = executor.submit(journal::rotate); // on the appending thread: the appender is confined to it
        try {
            done.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (journal != null) {
            try {
                executor.submit(journal::close).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
