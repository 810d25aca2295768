package dev.turnstile.core.host;

import dev.turnstile.core.permissions.PermissionState;
import dev.turnstile.core.permissions.ProfileResolver;
import dev.turnstile.core.permissions.ThreadPermissions;
import dev.turnstile.core.permissions.ThreadStart;
import dev.turnstile.core.permissions.WorkspaceRoots;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.Pipeline;
import dev.turnstile.core.pipeline.PipelineCounters;
import dev.turnstile.core.pipeline.PipelineParts;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.ShardServices;
import dev.turnstile.core.session.ShardSessions;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.turn.TurnEffects;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The embedded host: a pipeline whose shards apply sessions, a model, a rollout store. Transports (stdio, the
 * app-server, the demo) start threads, submit to them and subscribe to their events through this class.
 *
 * <p>Threading: every method may be called from any thread. None blocks, except {@link #close}.
 */
public final class TurnstileHost implements AutoCloseable {
    private final HostConfig config;
    private final Pipeline<Command> pipeline;
    private final List<ShardSessions> shards = new ArrayList<>();
    private TurnEffects effects;

    private TurnstileHost(HostConfig config) {
        this.config = config;
        this.pipeline = Pipeline.start(config.pipeline(), this::shard, config.clock());
    }

    public static TurnstileHost start(HostConfig config) {
        return new TurnstileHost(config);
    }

    private ShardSessions shard(int shard, PipelineParts<Command> parts) {
        if (effects == null) {
            effects = config.effects().apply(parts.ingress());
        }
        ShardSessions sessions = new ShardSessions(new ShardServices(shard, effects, config.rollouts(),
                parts.counters(), config.processDirectory(), config.model().providerId()), parts.threads());
        shards.add(sessions);
        return sessions;
    }

    /**
     * The settings a new thread in {@code cwd} gets unless the caller changes them: the configuration file's
     * {@code default_permissions}, or the implicit default (spec §3.1), with the cwd as the only runtime root.
     *
     * @throws PermissionException when {@code default_permissions} names no profile, or its roots are invalid
     */
    public SessionConfiguration defaultConfiguration(String cwd) {
        return configurationFor(cwd, null, null);
    }

    /**
     * The settings of a new thread as {@code thread/start} asks for them (spec §3.2, §3.4): the runtime roots
     * resolve against the thread's cwd and are then exactly its runtime roots (the cwd is not added; the
     * profile's own roots are never among them); the profile is the one named {@code permissionsId} (a built-in
     * such as {@code :workspace}, or a {@code [permissions.<id>]} of the configuration file), kept symbolic.
     *
     * @param cwd                   the thread's cwd; relative to the process directory; null for the process
     *                              directory
     * @param runtimeWorkspaceRoots {@code runtimeWorkspaceRoots} as sent (relative ones, {@code ~}, resolved against
     *                              {@code cwd}), or null for the default {@code [cwd]}
     * @param permissionsId         {@code permissions} as sent, or null for {@code default_permissions} or the
     *                              implicit default
     * @throws PermissionException with a one-line message for an unknown or undefined profile id, a root with a
     *                             {@code ..} component or one that leads outside the cwd, or a sandbox that cannot
     *                             be built
     */
    public SessionConfiguration configurationFor(String cwd, List<String> runtimeWorkspaceRoots,
                                                 String permissionsId) {
        ThreadPermissions permissions = ThreadPermissions.start(config.permissions(),
                ThreadStart.in(resolveCwd(cwd, config.processDirectory()))
                        .withRuntimeWorkspaceRoots(runtimeWorkspaceRoots)
                        .withPermissions(permissionsId)
                        .withTrust(config.projectTrust()));
        permissions.realize();
        return SessionConfiguration.defaults(config.model().providerId(), config.model().providerId(), permissions);
    }

    /**
     * What a turn's {@code runtimeWorkspaceRoots} and {@code permissions} send to the thread (spec §3.4
     * {@code turn/start} steps 2–3): roots resolved against the turn's cwd and de-duplicated ({@code E} and
     * {@code E/.} are one root); a profile id resolved for that cwd to its symbolic profile, id and own roots.
     * Submit the result with {@link TurnPermissionOverrides#toOp} (or copy its members into a
     * {@code user_input_with_turn_context}); the thread keeps them for later turns.
     *
     * @param threadCwd             the thread's current cwd (absolute)
     * @param requestCwd            the turn's {@code cwd}, or null; a relative one resolves against {@code threadCwd}
     * @param runtimeWorkspaceRoots the turn's {@code runtimeWorkspaceRoots}, or null to keep the thread's
     * @param permissionsId         the turn's {@code permissions}, or null to keep the thread's profile
     * @throws PermissionException for an unknown or undefined profile id or an invalid root
     */
    public TurnPermissionOverrides turnPermissionOverrides(String threadCwd, String requestCwd,
                                                           List<String> runtimeWorkspaceRoots, String permissionsId) {
        Path base = resolveCwd(threadCwd, config.processDirectory());
        if (requestCwd != null) {
            base = resolveCwd(requestCwd, base);
        }
        List<String> roots = runtimeWorkspaceRoots == null ? null
                : WorkspaceRoots.resolveAllStrings(runtimeWorkspaceRoots, base, ThreadStart.in(base).home())
                .stream().map(Path::toString).toList();
        if (permissionsId == null) {
            return new TurnPermissionOverrides(roots, null, null, null);
        }
        PermissionState selected = ProfileResolver.resolve(config.permissions(), permissionsId, base);
        return new TurnPermissionOverrides(roots,
                selected.profileWorkspaceRoots().stream().map(Path::toString).toList(),
                PermissionProfileJson.toJson(selected.profile()), selected.activeProfile().orElse(null));
    }

    private static Path resolveCwd(String cwd, Path base) {
        if (cwd == null) {
            return base.toAbsolutePath().normalize();
        }
        if (cwd.isBlank()) {
            throw new PermissionException("cwd must not be empty");
        }
        try {
            return base.toAbsolutePath().resolve(cwd).normalize();
        } catch (InvalidPathException e) {
            throw new PermissionException("cwd `" + cwd + "` is not a valid path: " + e.getReason());
        }
    }

    /** A new thread id: a UUID v7 (time-ordered), made at the edge. */
    public String newThreadId() {
        long millis = config.clock().time();
        // Unique, not secret: a thread id grants nothing (tenants are checked separately), so no SecureRandom,
        // whose shared entropy source serialises callers.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lsb = 0x8000000000000000L | (random.nextLong() & 0x3FFFFFFFFFFFFFFFL);
        return new UUID(msb, lsb).toString();
    }

    /**
     * Starts a thread; it emits {@code session_configured} (id "") to {@code subscriber} first.
     *
     * @throws HostOverloadedException when the ring is full or the host is shutting down
     */
    public ThreadHandle startThread(ThreadSpec spec, EventSubscriber subscriber) {
        ThreadHandle thread = pipeline.threads().register(spec.threadId());
        long result = pipeline.ingress().tryPublish(thread, new Command.StartThread(spec, subscriber));
        if (!Ingress.accepted(result)) {
            pipeline.threads().unregister(thread);
            throw new HostOverloadedException(result == Ingress.CLOSED ? "the host is shutting down"
                    : "Server overloaded; retry later.");
        }
        return thread;
    }

    /**
     * Loads a stored thread (after a restart, or one that was shut down) and subscribes to it; a thread that is
     * already hosted is only subscribed to. Its state is rebuilt on its shard from what it recorded.
     *
     * @throws ThreadNotFoundException when the store has no such thread
     * @throws HostOverloadedException when the ring is full or the host is shutting down
     */
    public ThreadHandle resumeThread(String threadId, EventSubscriber subscriber) {
        ThreadHandle loaded = pipeline.threads().find(threadId);
        if (loaded != null) {
            if (subscriber != null) {
                subscribe(loaded, subscriber);
            }
            return loaded;
        }
        RolloutStore.StoredThread stored = config.rollouts().find(threadId);
        if (stored == null || !stored.materialized()) {
            throw new ThreadNotFoundException("no rollout found for thread id " + threadId);
        }
        ThreadHandle thread;
        try {
            thread = pipeline.threads().registerOnShard(threadId, stored.shard());
        } catch (IllegalStateException raced) {
            return resumeThread(threadId, subscriber); // another caller loaded it meanwhile
        }
        thread.continueAfter(stored.lastSequence());
        long result = pipeline.ingress().tryPublish(thread, new Command.ResumeThread(threadId, subscriber));
        if (!Ingress.accepted(result)) {
            pipeline.threads().unregister(thread);
            throw new HostOverloadedException(result == Ingress.CLOSED ? "the host is shutting down"
                    : "Server overloaded; retry later.");
        }
        return thread;
    }

    /**
     * Forks a stored thread into a new one (copy-on-write: nothing is copied). The child gets the parent's history
     * up to {@code lastTurnId} (null: all of it) and emits {@code session_configured} to {@code subscriber}; if the
     * fork fails on its shard (the parent cannot be read, no such turn), the subscriber gets an {@code error}
     * instead and no thread exists.
     *
     * @param configuration the child's settings, or null to take the parent's
     * @throws ThreadNotFoundException when the parent is not stored
     */
    public ThreadHandle forkThread(String parentId, String lastTurnId, SessionConfiguration configuration,
                                   EventSubscriber subscriber) {
        RolloutStore.StoredThread parent = config.rollouts().find(parentId);
        if (parent == null || !parent.materialized()) {
            throw new ThreadNotFoundException("no rollout found for thread id " + parentId);
        }
        String childId = newThreadId();
        SessionConfiguration childConfig = configuration != null ? configuration
                : defaultConfiguration(config.processDirectory().toString());
        ThreadSpec spec = new ThreadSpec(childId, childConfig, parentId, false);
        ThreadHandle thread = pipeline.threads().register(childId);
        long result = pipeline.ingress().tryPublish(thread, new Command.ForkThread(spec, parentId, lastTurnId,
                configuration == null, subscriber));
        if (!Ingress.accepted(result)) {
            pipeline.threads().unregister(thread);
            throw new HostOverloadedException(result == Ingress.CLOSED ? "the host is shutting down"
                    : "Server overloaded; retry later.");
        }
        return thread;
    }

    /**
     * Submits a client's submission to its thread.
     *
     * @return the per-thread sequence number, or {@link Ingress#OVERLOADED} / {@link Ingress#CLOSED}
     */
    public long submit(ThreadHandle thread, Submission submission) {
        // With a journal, the submission is encoded here, on the caller's thread, so the shard's dispatch thread
        // only copies bytes: callers are many (transport threads), a shard's dispatch thread is one.
        byte[] wire = config.rollouts().persistent() ? ProtocolCodec.shared().encodeSubmissionBytes(submission) : null;
        return pipeline.ingress().tryPublish(thread, new Command.Client(submission, wire));
    }

    /**
     * Submits a submission together with the exact JSON the client sent for it (UTF-8, one object): the journal
     * keeps those bytes as they are, so the dispatch thread does not encode the submission again.
     */
    public long submit(ThreadHandle thread, Submission submission, byte[] wire) {
        return pipeline.ingress().tryPublish(thread, new Command.Client(submission, wire));
    }

    /**
     * Resubmits a submission the client saw no acknowledgement for, under the sequence number it was given: if
     * that number was applied already, the thread changes nothing (idempotent apply).
     */
    public long resubmit(ThreadHandle thread, Submission submission, long sequence) {
        if (sequence <= 0) {
            throw new IllegalArgumentException("a resubmission needs the sequence number it was given, not " + sequence);
        }
        return pipeline.ingress().tryPublish(thread, new Command.Client(submission), sequence);
    }

    /**
     * Steers input into the thread's running turn if it is {@code expectedTurnId}; never starts a turn (the
     * app-server's {@code turn/steer}). An {@code error} event with {@code submissionId} says why it did not steer.
     *
     * @return the per-thread sequence number, or {@link Ingress#OVERLOADED} / {@link Ingress#CLOSED}
     */
    public long steer(ThreadHandle thread, String submissionId,
                      java.util.List<dev.turnstile.core.protocol.item.UserInput> items, String expectedTurnId) {
        return pipeline.ingress().tryPublish(thread, new Command.Steer(submissionId, items, expectedTurnId));
    }

    /** Publishes an internal command (tests and tools that drive results by hand; never refused). */
    public long publishInternal(ThreadHandle thread, Command command) {
        return pipeline.ingress().publishInternal(thread, command);
    }

    /** The thread with this id, or null when it is not hosted (never was, or ended). */
    public ThreadHandle find(String threadId) {
        return pipeline.threads().find(threadId);
    }

    public void subscribe(ThreadHandle thread, EventSubscriber subscriber) {
        pipeline.ingress().publishInternal(thread, new Command.Subscribe(subscriber));
    }

    public void unsubscribe(ThreadHandle thread, EventSubscriber subscriber) {
        pipeline.ingress().publishInternal(thread, new Command.Unsubscribe(subscriber));
    }

    /** The client's channel closed without a shutdown: the thread's running turn is aborted and it is released. */
    public void closeChannel(ThreadHandle thread) {
        pipeline.ingress().publishInternal(thread, new Command.CloseChannel());
    }

    /**
     * A snapshot of a hosted thread's settings and small state, taken on its dispatch thread between two entries,
     * without its history's items (cheap: nothing is loaded or copied). Inspections are never refused: they wait
     * for ring space, so call this off the dispatch threads.
     */
    public java.util.concurrent.CompletableFuture<dev.turnstile.core.session.SessionSnapshot> inspect(
            ThreadHandle thread) {
        var result = new java.util.concurrent.CompletableFuture<dev.turnstile.core.session.SessionSnapshot>();
        pipeline.ingress().publishInternal(thread, new Command.Inspect(result, false));
        return result;
    }

    /** Like {@link #inspect}, with the whole model-visible history (loaded from the journal if it is lazy). */
    public java.util.concurrent.CompletableFuture<dev.turnstile.core.session.SessionSnapshot> inspectWithHistory(
            ThreadHandle thread) {
        var result = new java.util.concurrent.CompletableFuture<dev.turnstile.core.session.SessionSnapshot>();
        pipeline.ingress().publishInternal(thread, new Command.Inspect(result, true));
        return result;
    }

    /** A thread's stored rollout items, or null when the store has none (read on the calling thread). */
    public java.util.List<dev.turnstile.core.protocol.rollout.RolloutItem> readRollout(String threadId) {
        return config.rollouts().read(threadId);
    }

    /** The stored rollout items a filter wants, with their positions; null when the store has no such thread. */
    public dev.turnstile.core.session.rollout.SelectedRollout readRollout(String threadId,
            dev.turnstile.core.session.rollout.RolloutFilter filter) {
        return config.rollouts().read(threadId, filter);
    }

    public int threadCount() {
        return pipeline.threads().size();
    }

    public PipelineCounters counters() {
        return pipeline.counters();
    }

    public long ringOccupancy() {
        return pipeline.ringOccupancy();
    }

    public Pipeline<Command> pipeline() {
        return pipeline;
    }

    public HostConfig config() {
        return config;
    }

    /** Waits until everything submitted so far has been applied. */
    public boolean awaitDrained(Duration timeout) {
        return pipeline.awaitDrained(timeout);
    }

    /**
     * Shuts the host down: no new client work; every hosted thread's channel is closed (running turns end as
     * interrupted, rollouts are flushed); what is in the ring is applied; the dispatch threads stop.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    public void close(Duration drainTimeout) {
        pipeline.stopAcceptingClients();
        for (ThreadHandle thread : List.copyOf(pipeline.threads().all())) {
            try {
                closeChannel(thread);
            } catch (IllegalStateException halted) {
                break;
            }
        }
        pipeline.close(drainTimeout);
    }
}
