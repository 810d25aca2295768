package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.turnstile.core.pipeline.IngressSlot;
import dev.turnstile.core.pipeline.ShardApplier;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.ThreadRegistry;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.session.rollout.ThreadRollout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Long2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one shard, and how each ring entry is applied to them. Sessions are found by the thread's
 * numeric key in a primitive map: no boxing, no lock, one writer (this shard's dispatch thread).
 *
 * <p>An entry whose per-thread sequence was applied before is a client's resend: it changes nothing. At the end of
 * each batch the store flushes the shard's journal once, and only the rollouts left holding unmaterialized items are
 * visited again, so journal I/O is batched with the ring's batches and a batch over thousands of threads does not
 * walk every one of them twice.
 */
public final class ShardSessions implements ShardApplier<Command> {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSessions.class);
    static final String ORIGINATOR = "turnstile";
    static final String VERSION = "0.1.0";

    private final ShardServices services;
    private final ThreadRegistry registry;
    private final Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>();
    /** Sessions whose rollout holds items waiting for the end of the batch (rare: before a thread's first turn). */
    private final ArrayList<Session> touched = new ArrayList<>();
    /** Whether this batch journaled anything, so the shard's journal is flushed at its end. */
    private boolean journaledInBatch;
    private long duplicates;
    private long orphans;

    public ShardSessions(ShardServices services, ThreadRegistry registry) {
        this.services = services;
        this.registry = registry;
    }

    @Override
    public void apply(IngressSlot<Command> entry, long position) {
        ThreadHandle thread = entry.thread();
        Command command = entry.payload();
        Session session = sessionOf(entry, thread);
        if (command instanceof Command.StartThread start) {
            if (session == null) {
                startSession(entry, start);
            } else {
                LOG.warn("{} was started twice; the second start was ignored", thread);
            }
            return;
        }
        if (command instanceof Command.ForkThread fork) {
            forkSession(entry, fork);
            return;
        }
        if (command instanceof Command.ResumeThread resume) {
            if (session == null) {
                resumeSession(entry, resume);
            } else if (resume.subscriber() != null) {
                session.addSubscriber(resume.subscriber()); // already loaded: re-attach
            }
            return;
        }
        if (command instanceof Command.Inspect inspect) {
            if (session == null) {
                inspect.result().completeExceptionally(new IllegalStateException(thread + " is not hosted"));
            } else {
                inspect.result().complete(SessionSnapshot.of(session, inspect.withHistory()));
            }
            return;
        }
        if (session == null) {
            orphans++; // the thread ended before this entry (e.g. a model result after shutdown)
            return;
        }
        if (session.isDuplicate(entry.threadSequence())) {
            duplicates++;
            return;
        }
        session.beginEntry(entry.timestampMillis(), entry.threadSequence());
        session.markApplied(entry.threadSequence());
        if (command.journaled()) {
            session.rollout().recordEntry(command, entry.threadSequence(), entry.timestampMillis());
        }
        switch (command) {
            case Command.Client client -> SubmissionLoop.apply(session, client.submission().id(),
                    client.submission().op());
            case Command.ModelStepCompleted step -> TurnResults.onModelStep(session, step);
            case Command.ModelStepFailed failure -> TurnResults.onModelFailure(session, failure);
            case Command.ToolCompleted done -> TurnResults.onToolCompleted(session, done);
            case Command.Subscribe subscribe -> session.addSubscriber(subscribe.subscriber());
            case Command.Unsubscribe unsubscribe -> session.removeSubscriber(unsubscribe.subscriber());
            case Command.CloseChannel close -> Teardown.channelClosed(session);
            case Command.Steer steer -> SubmissionLoop.steerOnly(session, steer);
            case Command.StartThread start -> throw new IllegalStateException("unreachable");
            case Command.ResumeThread resume -> throw new IllegalStateException("unreachable");
            case Command.Inspect inspect -> throw new IllegalStateException("unreachable");
            case Command.ForkThread fork -> throw new IllegalStateException("unreachable");
        }
        touch(session); // after the entry: its rollout, still in cache, says whether it left items waiting
        if (session.closed()) {
            sessions.remove(thread.key());
            thread.applierState(null);
            registry.unregister(thread);
        }
    }

    @Override
    public long warm(IngressSlot<Command> entry) {
        long sink = 0;
        if (entry.applierHint() instanceof Session session) {
            sink = session.warm();
        }
        if (entry.payload() instanceof Command.Client client) {
            byte[] wire = client.wire();
            sink += wire == null ? client.submission().id().length() : wire.length;
        }
        return sink;
    }

    /**
     * The entry's session: the publisher's hint when it is this thread's live session (no load of the handle), else
     * the one attached to the handle when the session was put (no map probe), else none.
     */
    private static Session sessionOf(IngressSlot<Command> entry, ThreadHandle thread) {
        if (entry.applierHint() instanceof Session hinted && hinted.thread() == thread && !hinted.closed()) {
            return hinted;
        }
        return (Session) thread.applierState();
    }

    private void startSession(IngressSlot<Command> entry, Command.StartThread start) {
        ThreadSpec spec = start.spec();
        ThreadHandle thread = entry.thread();
        SessionConfiguration config = spec.configuration();
        SessionMeta meta = meta(spec, entry.timestampMillis());
        ThreadRollout rollout = spec.ephemeral() ? ThreadRollout.none()
                : services.rollouts().open(spec, meta, services.shard());
        Session session = new Session(thread, spec, rollout, services);
        session.beginEntry(entry.timestampMillis(), entry.threadSequence());
        session.markApplied(entry.threadSequence());
        if (start.subscriber() != null) {
            session.addSubscriber(start.subscriber());
        }
        sessions.put(thread.key(), session);
        thread.applierState(session);
        session.deliver("", new EventMsg.SessionConfigured(spec.threadId(), spec.threadId(), spec.forkedFromId(), null,
                null, config.model(), config.modelProviderId(), config.serviceTier(), config.approvalPolicy(),
                config.approvalsReviewer(), config.permissionProfile(), config.activePermissionProfile(),
                config.cwd(), config.reasoningEffort(), null, null, rollout.location()));
        touch(session); // its first record is in the journal: flushed (synced, with Durability.SYNC) with the batch
    }

    /**
     * Loads a stored thread: rebuilds its state from its rollout, continues its journal chain, and says
     * {@code session_configured}; a turn that was running when the process stopped is recorded as interrupted.
     */
    private void resumeSession(IngressSlot<Command> entry, Command.ResumeThread resume) {
        RolloutStore.ResumedRollout stored = services.rollouts().resume(resume.threadId(), services.shard());
        installRebuilt(entry, resume, stored.spec(), stored, resume.subscriber());
    }

    /**
     * Creates a forked thread (spec §2.11: reconstruct, seed token info, materialize at once): its journal points
     * at the parent's records, so nothing is copied. A parent that cannot be read fails the fork with an error to
     * the requester, and no thread is created.
     */
    private void forkSession(IngressSlot<Command> entry, Command.ForkThread fork) {
        ThreadSpec spec = fork.spec();
        RolloutStore.ResumedRollout stored;
        try {
            stored = services.rollouts().fork(fork.parentId(), fork.lastTurnId(), spec, fork.inheritConfiguration(),
                    meta(spec, entry.timestampMillis()), services.shard());
        } catch (RuntimeException failure) {
            registry.unregister(entry.thread());
            if (fork.subscriber() != null) {
                fork.subscriber().offer(spec.threadId(), 1, new dev.turnstile.core.protocol.Event("",
                        new EventMsg.Error("cannot fork thread " + fork.parentId() + ": " + failure.getMessage(),
                                CodexErrorInfo.BAD_REQUEST)));
            }
            return;
        }
        Session session = installRebuilt(entry, fork, spec, stored, fork.subscriber());
        session.rollout().materialize();
        if (!fork.inheritConfiguration()) {
            // Settings of its own: recorded at once, so a resume of the child does not take its parent's.
            session.setConfiguration(spec.configuration());
            session.checkpoint(null, false, false);
        }
    }

    /**
     * Installs a session rebuilt from what its thread stored (resume and fork): from its newest checkpoint and the
     * records after it when it has one (a bounded read, whatever the thread's length; the history stays lazy), else
     * from its whole rollout.
     */
    private Session installRebuilt(IngressSlot<Command> entry, Command command, ThreadSpec spec,
                                   RolloutStore.ResumedRollout stored, dev.turnstile.core.pipeline.EventSubscriber
                                           subscriber) {
        ThreadHandle thread = entry.thread();
        Resumption.FromCheckpoint fromCheckpoint = stored.checkpoint() == null ? null
                : Resumption.fromCheckpoint(stored.checkpoint(), stored.baseLoader(), stored.items());
        Resumption.State full = null;
        SessionConfiguration configuration;
        String unfinishedTurn;
        List<RolloutItem> unfinishedScope;
        if (fromCheckpoint != null) {
            configuration = fromCheckpoint.configuration();
            unfinishedTurn = fromCheckpoint.unfinishedTurn();
            unfinishedScope = stored.items();
        } else {
            List<RolloutItem> items = stored.checkpoint() == null ? stored.items() : loadAll(stored);
            full = Resumption.of(spec.configuration(), items);
            configuration = full.configuration();
            unfinishedTurn = full.unfinishedTurn();
            unfinishedScope = items;
        }
        Session session = new Session(thread, new ThreadSpec(spec.threadId(), configuration, spec.forkedFromId(),
                spec.ephemeral()), stored.rollout(), services);
        session.beginEntry(entry.timestampMillis(), entry.threadSequence());
        session.markApplied(entry.threadSequence());
        if (fromCheckpoint != null) {
            session.restore(fromCheckpoint);
        } else {
            session.restore(full);
        }
        if (!(command instanceof Command.ForkThread)) {
            // A fork's own first record already says what it was created with.
            stored.rollout().recordEntry(command, entry.threadSequence(), entry.timestampMillis());
        }
        touch(session);
        if (subscriber != null) {
            session.addSubscriber(subscriber);
        }
        sessions.put(thread.key(), session);
        thread.applierState(session);
        SessionConfiguration config = session.configuration();
        session.deliver("", new EventMsg.SessionConfigured(spec.threadId(), spec.threadId(), spec.forkedFromId(),
                null, null, config.model(), config.modelProviderId(), config.serviceTier(), config.approvalPolicy(),
                config.approvalsReviewer(), config.permissionProfile(), config.activePermissionProfile(),
                config.cwd(), config.reasoningEffort(), null, null, stored.rollout().location()));
        if (unfinishedTurn != null) {
            TurnLifecycle.recordUnfinishedTurnAborted(session, unfinishedTurn,
                    hasUserMessageSince(unfinishedScope, unfinishedTurn));
        }
        return session;
    }

    /** The whole rollout, when a checkpoint's tail cannot be applied on its own. */
    private static List<RolloutItem> loadAll(RolloutStore.ResumedRollout stored) {
        try {
            return stored.rollout().load();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the thread's rollout: " + e.getMessage(), e);
        }
    }

    /** Whether the turn that started last recorded a user message (it then counts as a user turn, spec §2.5). */
    private static boolean hasUserMessageSince(List<RolloutItem> items, String turnId) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i) instanceof RolloutItem.EventMsgLine line) {
                if (line.payload() instanceof EventMsg.UserMessage) {
                    return true;
                }
                if (line.payload() instanceof EventMsg.TurnStarted started && turnId.equals(started.turnId())) {
                    return false;
                }
            }
        }
        return false;
    }

    private static SessionMeta meta(ThreadSpec spec, long timestampMillis) {
        SessionConfiguration config = spec.configuration();
        return new SessionMeta(spec.threadId(), spec.forkedFromId(), Instant.ofEpochMilli(timestampMillis).toString(),
                config.cwd(), ORIGINATOR, VERSION, TextNode.valueOf("exec"), null, null, null, null,
                config.modelProviderId(), null, null, null, null, Map.of());
    }

    private void touch(Session session) {
        ThreadRollout rollout = session.rollout();
        if (!rollout.persistent()) {
            return;
        }
        journaledInBatch = true;
        if (rollout.flushPending() && session.markTouchedInBatch()) {
            touched.add(session);
        }
    }

    @Override
    public void onApplyFailure(IngressSlot<Command> entry, long position, Throwable failure) {
        ThreadHandle thread = entry.thread();
        LOG.error("applying an entry of {} at ring position {} failed; the entry was skipped", thread, position,
                failure);
        Session session = thread == null ? null : sessions.get(thread.key());
        if (session != null) {
            String id = entry.payload() instanceof Command.Client client ? client.submission().id() : "";
            String what = entry.payload() instanceof Command.Client client ? "op `" + client.submission().op().kind()
                    + "`" : entry.payload().getClass().getSimpleName();
            session.deliver(id, new EventMsg.Error("internal error while applying " + what + ": " + failure,
                    CodexErrorInfo.OTHER));
            touch(session); // what the entry recorded before it failed still reaches the journal at the batch's end
        }
    }

    @Override
    public void endOfBatch() {
        for (int i = 0; i < touched.size(); i++) {
            Session session = touched.get(i);
            session.rollout().flush();
            session.clearTouchedInBatch();
        }
        touched.clear();
        if (journaledInBatch) {
            journaledInBatch = false;
            services.rollouts().endOfBatch(services.shard());
        }
    }

    /** Ends every session still hosted when the pipeline halts: their rollouts are flushed and closed. */
    @Override
    public void onShutdown() {
        sessions.values().forEach(session -> {
            session.rollout().flush();
            session.rollout().release();
            session.thread().applierState(null);
        });
        sessions.clear();
    }

    /** Number of sessions this shard hosts (read on the dispatch thread, or after it stopped). */
    public int size() {
        return sessions.size();
    }

    public long duplicates() {
        return duplicates;
    }

    public long orphans() {
        return orphans;
    }
}
