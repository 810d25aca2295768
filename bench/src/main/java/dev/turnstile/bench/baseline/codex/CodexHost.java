package dev.turnstile.bench.baseline.codex;

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
import dev.turnstile.core.turn.model.ModelClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Baseline (a): the Codex architecture on the JVM. Codex gives every session a bounded submission channel
 * (capacity 512) drained by one task that runs the submission loop, and a rollout recorder whose own task appends
 * each item to the session's JSONL file and flushes it. Here: an {@link ArrayBlockingQueue} of 512 and a virtual
 * thread per session (the JVM's counterpart of a tokio task), and a {@link CodexRollout} with its writer thread.
 *
 * <p>Fairness: each session task applies entries with the core's own session code (the same op handlers, the same
 * rollback reconstruction, the same JSON) through {@link SessionApplier}; results of model steps come back through
 * the session's queue. Submitters block when a session's queue is full, as Codex's {@code send().await} does.
 */
public final class CodexHost implements HostUnderTest {
    /** Codex's submission channel capacity. */
    public static final int SUBMISSION_QUEUE_CAPACITY = 512;

    private record Entry(long sequence, long timestampMillis, byte origin, Command command) {
    }

    private final ModelClient model;
    private final CodexRolloutStore store;
    private final ThreadRegistry registry = new ThreadRegistry(1);
    private final CallbackTurnEffects effects;
    private final Path processDirectory = Path.of("").toAbsolutePath();
    private final ConcurrentHashMap<Long, SessionTask> tasks = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder applied = new LongAdder();

    public CodexHost(Path directory, ModelClient model, boolean journalSubmissions) {
        this.model = model;
        this.store = new CodexRolloutStore(directory.resolve("sessions"), journalSubmissions);
        this.effects = new CallbackTurnEffects(model, this::publishInternal);
    }

    /** One session: its bounded queue and the task that applies it. */
    private final class SessionTask implements Runnable {
        final ThreadHandle handle;
        final ArrayBlockingQueue<Entry> queue = new ArrayBlockingQueue<>(SUBMISSION_QUEUE_CAPACITY);
        final SessionApplier applier;
        final Thread thread;

        SessionTask(ThreadHandle handle) {
            this.handle = handle;
            this.applier = new SessionApplier(new ShardSessions(new ShardServices(0, effects, store, null,
                    processDirectory, model.providerId()), registry));
            tasks.put(handle.key(), this);
            this.thread = Thread.ofVirtual().start(this);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Entry entry = queue.take();
                    applier.apply(handle, entry.sequence(), entry.timestampMillis(), entry.origin(), entry.command());
                    applied.increment();
                    if (queue.isEmpty()) {
                        applier.endOfBatch();
                    }
                    if (applier.size() == 0) {
                        return; // the session ended (shutdown, closed channel, a failed fork)
                    }
                }
            } catch (InterruptedException e) {
                applier.shutdown();
            } finally {
                tasks.remove(handle.key(), this);
                applied.add(queue.size()); // what arrives after the end is dropped, as orphans are
                queue.clear();
            }
        }
    }

    private SessionConfiguration defaults() {
        return SessionConfiguration.defaults(model.providerId(), model.providerId(), Impl.CWD);
    }

    @Override
    public HostedThread start(EventSubscriber events) {
        ThreadSpec spec = new ThreadSpec(ThreadIds.next(), defaults());
        SessionTask task = new SessionTask(registry.register(spec.threadId()));
        send(task, new Command.StartThread(spec, events), IngressSlot.ORIGIN_CLIENT);
        return new HostedThread(task.handle, task);
    }

    @Override
    public void submit(HostedThread thread, Submission submission) {
        send((SessionTask) thread.route(), new Command.Client(submission), IngressSlot.ORIGIN_CLIENT);
    }

    @Override
    public HostedThread resume(String threadId, EventWaiter events) {
        SessionTask task = new SessionTask(registry.register(threadId));
        send(task, new Command.ResumeThread(threadId, events), IngressSlot.ORIGIN_CLIENT);
        return new HostedThread(task.handle, task);
    }

    @Override
    public HostedThread fork(String parentId, EventWaiter events) {
        ThreadSpec spec = new ThreadSpec(ThreadIds.next(), defaults(), parentId, false);
        SessionTask task = new SessionTask(registry.register(spec.threadId()));
        send(task, new Command.ForkThread(spec, parentId, null, true, events), IngressSlot.ORIGIN_CLIENT);
        return new HostedThread(task.handle, task);
    }

    @Override
    public java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> readHistory(String threadId) {
        return store.read(threadId);
    }

    @Override
    public long bytesWritten(String threadId) {
        return store.size(threadId);
    }

    private void publishInternal(ThreadHandle thread, Command command) {
        SessionTask task = tasks.get(thread.key());
        if (task != null) {
            send(task, command, IngressSlot.ORIGIN_INTERNAL);
        }
    }

    /** Sequences the entry at the edge (as Turnstile's ingress does) and hands it to the session's queue. */
    private void send(SessionTask task, Command command, byte origin) {
        long now = System.currentTimeMillis();
        synchronized (task.handle) {
            long sequence = OffRingEntries.nextSequence(task.handle);
            published.increment();
            try {
                task.queue.put(new Entry(sequence, now, origin, command));
            } catch (InterruptedException e) {
                published.decrement();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while submitting", e);
            }
        }
    }

    @Override
    public boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied.sum() < published.sum() || !store.counters().idle()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /** Sessions hosted now. */
    public int sessions() {
        return tasks.size();
    }

    @Override
    public void close() {
        List<SessionTask> open = List.copyOf(tasks.values());
        for (SessionTask task : open) {
            send(task, new Command.CloseChannel(), IngressSlot.ORIGIN_INTERNAL);
        }
        for (SessionTask task : open) {
            try {
                if (!task.thread.join(Duration.ofSeconds(30))) {
                    task.thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
