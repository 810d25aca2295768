package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.turn.model.ModelClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** One hosted thread driven through the real pipeline, its events collected in order for assertions. */
final class SessionHarness implements AutoCloseable {
    final TurnstileHost host;
    final ThreadHandle thread;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    final InMemoryRolloutStore rollouts = new InMemoryRolloutStore();

    private SessionHarness(ModelClient model, int shards, String cwd, boolean persisted) {
        this(model, shards, persisted, config -> config, host -> host.defaultConfiguration(cwd));
    }

    private SessionHarness(ModelClient model, int shards, boolean persisted, UnaryOperator<HostConfig> hostConfig,
                           Function<TurnstileHost, SessionConfiguration> configuration) {
        host = TurnstileHost.start(hostConfig.apply(HostConfig.of(new PipelineConfig(shards, 1024,
                WaitStrategyKind.BLOCKING), model)
                .withRollouts(persisted ? rollouts : dev.turnstile.core.session.rollout.RolloutStore.none())));
        String threadId = host.newThreadId();
        EventSubscriber subscriber = (id, number, event) -> events.add(event);
        thread = host.startThread(new ThreadSpec(threadId, configuration.apply(host)), subscriber);
        try {
            configured = next();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The thread's first event (session_configured), taken off the queue at start. */
    final Event configured;

    static SessionHarness start(ModelClient model) {
        return new SessionHarness(model, 2, Path.of("").toAbsolutePath().toString(), true);
    }

    static SessionHarness start(ModelClient model, String cwd) {
        return new SessionHarness(model, 2, cwd, true);
    }

    /** A host configured by {@code hostConfig} whose thread starts with the configuration the host makes. */
    static SessionHarness start(ModelClient model, UnaryOperator<HostConfig> hostConfig,
                                Function<TurnstileHost, SessionConfiguration> configuration) {
        return new SessionHarness(model, 2, true, hostConfig, configuration);
    }

    /** A host without a journal: nothing is persisted. */
    static SessionHarness startWithoutJournal(ModelClient model) {
        return new SessionHarness(model, 2, Path.of("").toAbsolutePath().toString(), false);
    }

    void submit(String id, Op op) {
        long result = host.submit(thread, new Submission(id, op));
        assertThat(Ingress.accepted(result)).as("submission %s accepted", id).isTrue();
    }

    /** The next event, whatever it is. */
    Event next() throws InterruptedException {
        Event event = events.poll(30, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 30 s");
        }
        return event;
    }

    /** The next event of this type; the events skipped on the way are returned through {@code skipped}. */
    Event await(String type, List<Event> skipped) throws InterruptedException {
        while (true) {
            Event event = next();
            if (event.msg().type().equals(type)) {
                return event;
            }
            skipped.add(event);
        }
    }

    Event await(String type) throws InterruptedException {
        return await(type, new ArrayList<>());
    }

    /** All events up to and including the first matching one. */
    List<Event> until(Predicate<Event> last) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        while (true) {
            Event event = next();
            seen.add(event);
            if (last.test(event)) {
                return seen;
            }
        }
    }

    List<Event> untilType(String type) throws InterruptedException {
        return until(event -> event.msg().type().equals(type));
    }

    /**
     * Proves that nothing else was emitted: submits a probe op whose only answer is one known event, and returns
     * everything that arrived before that answer.
     */
    List<Event> drainWithProbe() throws InterruptedException {
        String probeId = "probe-" + System.nanoTime();
        submit(probeId, new Op.RealtimeConversationListVoices());
        List<Event> before = new ArrayList<>();
        while (true) {
            Event event = next();
            if (event.id().equals(probeId)
                    && event.msg() instanceof EventMsg.RealtimeConversationListVoicesResponse) {
                return before;
            }
            before.add(event);
        }
    }

    /** What the thread has written to its rollout (waits until everything submitted so far is applied). */
    List<dev.turnstile.core.protocol.rollout.RolloutItem> rollout() {
        host.awaitDrained(java.time.Duration.ofSeconds(30));
        return rollouts.written(thread.threadId());
    }

    static List<String> types(List<Event> events) {
        return events.stream().map(e -> e.msg().type()).toList();
    }

    @Override
    public void close() {
        host.close();
    }
}
