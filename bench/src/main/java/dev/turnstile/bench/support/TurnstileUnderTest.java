package dev.turnstile.bench.support;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.HostOverloadedException;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.ThreadSpec;
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

/** Turnstile as users run it: {@link TurnstileHost} on its Disruptor pipeline, journaling to a Chronicle journal. */
public final class TurnstileUnderTest implements HostUnderTest {
    private final ChronicleJournal journal;
    private final TurnstileHost host;
    private final String providerId;

    public TurnstileUnderTest(Path data, int shards, WaitStrategyKind waitStrategy, ModelClient model) {
        try {
            journal = ChronicleJournal.open(new JournalConfig(data, shards, Durability.OS, "turnstile bench"),
                    scanned -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        host = TurnstileHost.start(HostConfig.of(new PipelineConfig(shards, PipelineConfig.DEFAULT_RING_SIZE,
                waitStrategy), model).withRollouts(journal));
        // Every thread starts with its own configuration built as the baselines build theirs
        // (SessionConfiguration.defaults for the same cwd): what each idle thread holds is comparable, and none
        // pays the realpath and stat calls with which TurnstileHost.configurationFor validates a thread/start's
        // cwd and roots (about 90 µs each on the 2-core VM of the README: 100,000 starts took 12 s with them).
        providerId = model.providerId();
    }

    public TurnstileHost host() {
        return host;
    }

    public ChronicleJournal journal() {
        return journal;
    }

    @Override
    public HostedThread start(EventSubscriber events) {
        while (true) {
            try {
                ThreadHandle handle = host.startThread(new ThreadSpec(host.newThreadId(),
                        SessionConfiguration.defaults(providerId, providerId, Impl.CWD)), events);
                return new HostedThread(handle, null);
            } catch (HostOverloadedException full) {
                Thread.yield(); // the ring is full: let the shards catch up, then try again
            }
        }
    }

    @Override
    public void submit(HostedThread thread, Submission submission) {
        while (true) {
            long result = host.submit(thread.handle(), submission);
            if (Ingress.accepted(result)) {
                return;
            }
            if (result == Ingress.CLOSED) {
                throw new IllegalStateException("the host is closed");
            }
            Thread.yield(); // the ring is full: the shards are behind; give them the core
        }
    }

    @Override
    public HostedThread resume(String threadId, EventWaiter events) {
        return new HostedThread(host.resumeThread(threadId, events), null);
    }

    @Override
    public HostedThread fork(String parentId, EventWaiter events) {
        return new HostedThread(host.forkThread(parentId, null, null, events), null);
    }

    /** Payload bytes plus one record header per record: what the thread's own records occupy in the queue. */
    @Override
    public java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> readHistory(String threadId) {
        return host.readRollout(threadId);
    }

    @Override
    public long bytesWritten(String threadId) {
        ThreadEntry entry = journal.index().find(threadId);
        return entry == null ? 0 : entry.payloadBytes() + entry.records() * RecordLayout.HEADER_LENGTH;
    }

    @Override
    public boolean awaitDrained(Duration timeout) {
        return host.awaitDrained(timeout);
    }

    @Override
    public void close() {
        try {
            host.close(Duration.ofSeconds(60));
        } finally {
            try {
                journal.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
