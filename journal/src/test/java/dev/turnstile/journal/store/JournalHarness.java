package dev.turnstile.journal.store;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.turn.model.ModelClients;
import dev.turnstile.journal.queue.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A host journaling to a real Chronicle journal in a temporary directory, with one thread's events collected. */
final class JournalHarness implements AutoCloseable {
    final ChronicleJournal journal;
    final TurnstileHost host;
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    JournalHarness(Path data, int shards) throws Exception {
        this(data, shards, ModelClients.fromSpec("echo"));
    }

    JournalHarness(Path data, int shards, dev.turnstile.core.turn.model.ModelClient model) throws Exception {
        journal = ChronicleJournal.open(new JournalConfig(data, shards, Durability.OS, "test"), n -> { });
        host = TurnstileHost.start(HostConfig.of(new PipelineConfig(shards, 1024, WaitStrategyKind.BLOCKING),
                model).withRollouts(journal));
    }

    /** Subscribes to a stored thread, as after a restart. */
    ThreadHandle resume(String threadId) throws InterruptedException {
        EventSubscriber subscriber = (id, number, event) -> events.add(event);
        ThreadHandle thread = host.resumeThread(threadId, subscriber);
        await("session_configured");
        return thread;
    }

    /** Stops as a crash would leave things: the ring is applied, no thread is closed, then the journal closes. */
    void crash() throws Exception {
        host.pipeline().close();
        journal.close();
    }

    ThreadHandle startThread() throws InterruptedException {
        EventSubscriber subscriber = (id, number, event) -> events.add(event);
        ThreadHandle thread = host.startThread(new ThreadSpec(host.newThreadId(), host.defaultConfiguration("/repo")),
                subscriber);
        await("session_configured");
        return thread;
    }

    /** Runs one user turn to completion. */
    void turn(ThreadHandle thread, String id, String text) throws InterruptedException {
        host.submit(thread, new Submission(id, Op.UserInput.text(text)));
        await("task_complete");
    }

    Event await(String type) throws InterruptedException {
        while (true) {
            Event event = events.poll(30, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no " + type + " within 30 s");
            }
            if (event.msg().type().equals(type)) {
                return event;
            }
        }
    }

    void drain() {
        host.awaitDrained(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
        host.close();
        journal.close();
    }
}
