package dev.turnstile.bench.baseline.executor;

import dev.turnstile.bench.baseline.CallbackTurnEffects;
import dev.turnstile.bench.baseline.SessionApplier;
import dev.turnstile.bench.support.EventWaiter;
import dev.turnstile.bench.support.HostUnderTest;
import dev.turnstile.bench.support.HostedThread;
import dev.turnstile.bench.support.Impl;
import dev.turnstile.bench.support.ThreadIds;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.IngressSlot;
import dev.turnstile.core.pipeline.OffRingEntries;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.ThreadRegistry;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.ShardServices;
import dev.turnstile.core.session.ShardSessions;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.journal.index.ThreadEntry;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.record.RecordLayout;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Baseline (b): what a Java developer would write first without the Disruptor: K shards, each a single-thread
 * {@link ThreadPoolExecutor} over a {@link LinkedBlockingQueue} (what {@code Executors.newSingleThreadExecutor()}
 * builds), one task submitted per entry. A thread is pinned to a shard, so each session still has one writer.
 *
 * <p>Fairness: everything but the hand-off is Turnstile's own: the same session code ({@link SessionApplier}), the
 * same Chronicle journal with the same batching (a shard flushes when its queue runs empty, as Turnstile flushes at
 * the end of a ring batch), the same sequencing at the edge. What this isolates is the cost of the dispatch
 * structure: a lock-based linked queue and a task object per entry against a pre-allocated ring.
 */
public final class ExecutorHost implements HostUnderTest {
    private final ModelClient model;
    private final ChronicleJournal journal;
    private final ThreadRegistry registry;
    private final CallbackTurnEffects effects;
    private final Shard[] shards;
    private final LongAdder published = new LongAdder();
    private final LongAdder applied = new LongAdder();

    public ExecutorHost(Path data, int shardCount, ModelClient model) {
        this.model = model;
        try {
            this.journal = ChronicleJournal.open(new JournalConfig(data, shardCount, Durability.OS,
                    "executor baseline"), scanned -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = new ThreadRegistry(shardCount);
        this.effects = new CallbackTurnEffects(model, (thread, command) ->
                send(thread, command, IngressSlot.ORIGIN_INTERNAL));
        this.shards = new Shard[shardCount];
        for (int i = 0; i < shardCount; i++) {
            shards[i] = new Shard(i);
        }
    }

    private final class Shard {
        final ThreadPoolExecutor executor;
        final SessionApplier applier;

        Shard(int index) {
            this.executor = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    runnable -> {
                        Thread thread = new Thread(runnable, "executor-shard-" + index);
                        thread.setDaemon(true);
                        return thread;
                    });
            this.applier = new SessionApplier(new ShardSessions(new ShardServices(index, effects, journal, null,
                    Path.of("").toAbsolutePath(), model.providerId()), registry));
        }

        void apply(ThreadHandle thread, long sequence, long timestampMillis, byte origin, Command command) {
            applier.apply(thread, sequence, timestampMillis, origin, command);
            applied.increment();
            if (executor.getQueue().isEmpty()) {
                applier.endOfBatch();
            }
        }
    }

    private void send(ThreadHandle thread, Command command, byte origin) {
        Shard shard = shards[thread.shard()];
        long now = System.currentTimeMillis();
        synchronized (thread.edgeLock()) {
            long sequence = OffRingEntries.nextSequence(thread);
            published.increment();
            shard.executor.execute(() -> shard.apply(thread, sequence, now, origin, command));
        }
    }

    private SessionConfiguration defaults() {
        return SessionConfiguration.defaults(model.providerId(), model.providerId(), Impl.CWD);
    }

    @Override
    public HostedThread start(EventSubscriber events) {
        ThreadSpec spec = new ThreadSpec(ThreadIds.next(), defaults());
        ThreadHandle thread = registry.register(spec.threadId());
        send(thread, new Command.StartThread(spec, events), IngressSlot.ORIGIN_CLIENT);
        return new HostedThread(thread, null);
    }

    @Override
    public void submit(HostedThread thread, Submission submission) {
        send(thread.handle(), new Command.Client(submission), IngressSlot.ORIGIN_CLIENT);
    }

    @Override
    public HostedThread resume(String threadId, EventWaiter events) {
        RolloutStore.StoredThread stored = journal.find(threadId);
        ThreadHandle thread = registry.registerOnShard(threadId, stored.shard());
        thread.continueAfter(stored.lastSequence());
        send(thread, new Command.ResumeThread(threadId, events), IngressSlot.ORIGIN_CLIENT);
        return new HostedThread(thread, null);
    }

    @Override
    public HostedThread fork(String parentId, EventWaiter events) {
        ThreadSpec spec = new ThreadSpec(ThreadIds.next(), defaults(), parentId, false);
        ThreadHandle thread = registry.register(spec.threadId());
        send(thread, new Command.ForkThread(spec, parentId, null, true, events), IngressSlot.ORIGIN_CLIENT);
        return new HostedThread(thread, null);
    }

    @Override
    public java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> readHistory(String threadId) {
        return journal.read(threadId);
    }

    @Override
    public long bytesWritten(String threadId) {
        ThreadEntry entry = journal.index().find(threadId);
        return entry == null ? 0 : entry.payloadBytes() + entry.records() * RecordLayout.HEADER_LENGTH;
    }

    @Override
    public boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.sum() < published.sum()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    @Override
    public void close() {
        for (ThreadHandle thread : List.copyOf(registry.all())) {
            send(thread, new Command.CloseChannel(), IngressSlot.ORIGIN_INTERNAL);
        }
        awaitDrained(Duration.ofSeconds(60));
        for (Shard shard : shards) {
            shard.executor.execute(shard.applier::shutdown);
            shard.executor.shutdown();
        }
        try {
            for (Shard shard : shards) {
                shard.executor.awaitTermination(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                journal.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
