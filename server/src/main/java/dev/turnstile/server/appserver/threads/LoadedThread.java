package dev.turnstile.server.appserver.threads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.Ingress;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.session.SessionSnapshot;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.SerialExecutor;
import dev.turnstile.server.appserver.notify.ApprovalRequests;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.RequestId;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.tenants.TenantUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread the app-server has loaded: the one subscriber of its core events, which it turns into v2 notifications
 * (spec §4.6, in the order of §4.7) for the connections that follow it, and the app-server's view of it (the turn
 * running, interrupts and rollbacks waiting for their core event, approvals waiting for a client).
 *
 * <p>Threading: {@link #offer} runs on the thread's dispatch thread and only enqueues (bounded; never blocks, never
 * encodes). Everything else runs on this thread's mailbox, one task at a time, so the state below has one writer and
 * no locks. Request handlers reach it through {@link #run} and {@link #call}.
 */
public final class LoadedThread implements EventSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedThread.class);
    /** Core events that may wait for the mailbox before the app-server counts as too slow for this thread. */
    static final int EVENT_CAPACITY = 65_536;
    /** What the core answers a settings-only submission with once it applied the settings (see {@link #applySettings}). */
    private static final String NO_INPUT = "input must not be empty";

    /** What the app-server needs from its server to run a thread. */
    public interface Host {
        TurnstileHost core();

        ThreadCatalog catalog();

        Executor carrier();

        /** The thread was unloaded: forget it. */
        void unloaded(LoadedThread thread);

        /** How {@code connection} now follows {@code threadId} (or stops). */
        void following(Connection connection, String threadId, boolean follows);
    }

    private final Host host;
    /** Known at construction, except for a fork's child: its id is known once the host accepted the fork. */
    private volatile String threadId;
    private final TenantUsage usage;
    private final SerialExecutor mailbox;
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final CompletableFuture<Void> unloadedFuture = new CompletableFuture<>();
    private volatile boolean unloading;

    /** Written on the mailbox once; read by request handlers that inspect the thread. */
    private volatile ThreadHandle handle;

    // ---- mailbox-confined state ----------------------------------------------------------------
    private EventMsg.SessionConfigured configured;
    private final List<Consumer<SessionSnapshot>> readyWaiters = new ArrayList<>();
    private final List<Consumer<String>> failureWaiters = new ArrayList<>();
    private String startError;
    /** Settings-only submissions (see {@link #applySettings}) and what to do if the core refuses them. */
    private final Map<String, Consumer<String>> settingsOnly = new HashMap<>();
    /** {@code turn/steer} requests waiting to learn whether the core steered them. */
    private final Map<String, PendingSteer> steers = new HashMap<>();
    private final Set<Connection> subscribers = new LinkedHashSet<>();
    private RunningTurn active;
    private String pendingTurnId;
    private final Map<String, String> submittedKinds = new HashMap<>();
    private final Set<String> countedTurns = new HashSet<>();
    private final List<Runnable> interruptWaiters = new ArrayList<>();
    private PendingRollback rollback;
    private final Map<String, PendingAsk> asks = new LinkedHashMap<>();
    private final Set<String> startedCommands = new HashSet<>();
    private ObjectNode status = ThreadViews.status("idle", List.of());
    private String lastTurnId;

    /** A turn the core reported started. */
    private static final class RunningTurn {
        final String id;
        final String kind;
        final Long startedAt;
        ObjectNode error;

        RunningTurn(String id, String kind, Long startedAt) {
            this.id = id;
            this.kind = kind;
            this.startedAt = startedAt;
        }
    }

    /** A steer submitted to the core: answered with the turn id, or with the core's error for it. */
    private record PendingSteer(Connection connection, RequestId requestId, String turnId) {
    }

    /** A rollback or revert waiting for {@code thread_rolled_back}. */
    private record PendingRollback(Connection connection, RequestId requestId, boolean revert) {
    }

    /** A question the core waits on, asked of every follower; the first answer wins. */
    private static final class PendingAsk {
        final ApprovalRequests.Ask ask;
        final Map<Connection, Long> requestIds = new LinkedHashMap<>();

        PendingAsk(ApprovalRequests.Ask ask) {
            this.ask = ask;
        }
    }

    public LoadedThread(Host host, String threadId, TenantUsage usage) {
        this.host = host;
        this.threadId = threadId;
        this.usage = usage;
        this.mailbox = new SerialExecutor(host.carrier(), threadId == null ? "a forked thread" : "thread " + threadId);
    }

    /** A fork's child, whose id the host gives when it accepts the fork ({@link #identify}). */
    public static LoadedThread forChild(Host host, TenantUsage usage) {
        return new LoadedThread(host, null, usage);
    }

    /** Names a fork's child, before it is registered and before {@link #handleKnown}. */
    public void identify(String id) {
        if (threadId != null) {
            throw new IllegalStateException("thread " + threadId + " already has an id");
        }
        threadId = id;
    }

    public String threadId() {
        return threadId;
    }

    public TenantUsage usage() {
        return usage;
    }

    public boolean unloading() {
        return unloading;
    }

    public CompletableFuture<Void> unloadedFuture() {
        return unloadedFuture;
    }

    /** Runs {@code task} on this thread's mailbox. */
    public void run(Runnable task) {
        mailbox.execute(task);
    }

    /** Runs {@code task} on the mailbox and gives its result (or its exception). */
    public <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        mailbox.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    // ---- from the dispatch thread --------------------------------------------------------------

    @Override
    public boolean offer(String ignoredThreadId, long eventNumber, Event event) {
        if (queuedEvents.incrementAndGet() > EVENT_CAPACITY) {
            queuedEvents.decrementAndGet();
            return false;
        }
        mailbox.execute(() -> {
            queuedEvents.decrementAndGet();
            onEvent(event);
        });
        return true;
    }

    @Override
    public void cutOff(String ignoredThreadId, long lastDelivered) {
        mailbox.execute(this::onCutOff);
    }

    /** The app-server could not keep up with this thread: its followers are cut off and may resume to catch up. */
    private void onCutOff() {
        LOG.warn("thread {}: the app-server fell {} events behind; its followers are disconnected", threadId,
                EVENT_CAPACITY);
        for (Connection connection : List.copyOf(subscribers)) {
            connection.close("the server could not keep up with thread " + threadId + "; resume it to catch up");
        }
        subscribers.clear();
        if (handle != null && !unloading) {
            host.core().subscribe(handle, this);
        }
    }

    // ---- lifecycle (mailbox) -------------------------------------------------------------------

    /**
     * Called before the thread is handed to the core: {@code ready} runs once the thread said
     * {@code session_configured} and its handle is known, with a snapshot of its settings.
     */
    public void whenReady(Consumer<SessionSnapshot> ready) {
        readyWaiters.add(ready);
    }

    /**
     * Called before a fork is handed to the core: {@code failed} runs (instead of the ready waiters) with the core's
     * message when the fork fails on its shard; the thread is then forgotten.
     */
    public void whenFailed(Consumer<String> failed) {
        failureWaiters.add(failed);
    }

    /** The core accepted the start, resume or fork: the thread's handle. */
    public void handleKnown(ThreadHandle known) {
        mailbox.execute(() -> {
            handle = known;
            fireReadyIfConfigured();
            fireFailureIfFailed();
        });
    }

    /** The thread failed before it was configured (a fork the shard could not make). */
    private void fireFailureIfFailed() {
        if (handle == null || startError == null || unloading) {
            return;
        }
        List<Consumer<String>> waiters = List.copyOf(failureWaiters);
        failureWaiters.clear();
        readyWaiters.clear();
        abandon();
        waiters.forEach(waiter -> waiter.accept(startError));
    }

    /** The start or resume was refused: forget the thread. */
    public void abandon() {
        unloading = true;
        unloadedFuture.complete(null);
        host.unloaded(this);
    }

    private void fireReadyIfConfigured() {
        if (handle == null || configured == null || readyWaiters.isEmpty()) {
            return;
        }
        List<Consumer<SessionSnapshot>> waiters = List.copyOf(readyWaiters);
        readyWaiters.clear();
        host.core().inspect(handle).whenCompleteAsync((snapshot, failure) -> {
            if (failure != null) {
                LOG.warn("thread {}: its settings could not be read", threadId, failure);
                return;
            }
            waiters.forEach(waiter -> waiter.accept(snapshot));
        }, mailbox);
    }

    /** A snapshot of the thread's settings and state, delivered on the mailbox. */
    public void snapshot(Consumer<SessionSnapshot> then, Consumer<Throwable> failed) {
        host.core().inspect(handle).whenCompleteAsync((snapshot, failure) -> {
            if (failure != null) {
                failed.accept(failure);
            } else {
                then.accept(snapshot);
            }
        }, mailbox);
    }

    public String rolloutPath() {
        return configured == null ? null : configured.rolloutPath();
    }

    /** A snapshot of the thread's state taken on its shard, completed there (any thread; see {@link #snapshot}). */
    public CompletableFuture<SessionSnapshot> inspect() {
        return host.core().inspect(handle);
    }

    /** The core's handle, once known (any thread). */
    public ThreadHandle handle() {
        return handle;
    }

    public ObjectNode status() {
        return status.deepCopy();
    }

    /** The turn running now, or null (mailbox). */
    public String activeTurnId() {
        return active == null ? null : active.id;
    }

    public String activeTurnKind() {
        return active == null ? null : active.kind;
    }

    /** The turn submitted or running, if any (mailbox). */
    public String inFlightTurnId() {
        return active != null ? active.id : pendingTurnId;
    }

    /** {@code connection} follows this thread from now on; it is also asked what the thread still waits for. */
    public void subscribe(Connection connection) {
        if (subscribers.add(connection)) {
            host.following(connection, threadId, true);
            for (PendingAsk pending : asks.values()) {
                ask(connection, pending);
            }
        }
    }

    /** @return whether it was following */
    public boolean unsubscribe(Connection connection) {
        boolean was = subscribers.remove(connection);
        if (was) {
            host.following(connection, threadId, false);
            for (PendingAsk pending : asks.values()) {
                Long requestId = pending.requestIds.remove(connection);
                if (requestId != null) {
                    connection.cancelRequest(requestId);
                }
            }
            unloadIfUnused();
        }
        return was;
    }

    /** Unloads the thread once no connection follows it and no turn runs (it stays in the journal; mailbox). */
    public void unloadIfUnused() {
        if (subscribers.isEmpty() && active == null && pendingTurnId == null && rollback == null) {
            unload();
        }
    }

    /** Closes the thread's channel (a running turn ends as interrupted) and forgets it once the core let go. */
    public void unload() {
        if (unloading || handle == null) {
            return;
        }
        unloading = true;
        for (Connection connection : List.copyOf(subscribers)) {
            unsubscribeQuietly(connection);
        }
        try {
            host.core().closeChannel(handle);
            // The inspection is applied after the close: it fails once the core has released the thread.
            host.core().inspect(handle).whenCompleteAsync((snapshot, failure) -> finishUnload(), mailbox);
        } catch (IllegalStateException halted) {
            finishUnload(); // the host is shutting down: it closes every thread itself
        }
    }

    private void unsubscribeQuietly(Connection connection) {
        subscribers.remove(connection);
        host.following(connection, threadId, false);
    }

    private void finishUnload() {
        for (String turnId : List.copyOf(countedTurns)) {
            releaseTurn(turnId);
        }
        usage.releaseLoadedThread();
        host.unloaded(this);
        unloadedFuture.complete(null);
    }

    // ---- requests (mailbox) ----------------------------------------------------------------------

    /**
     * Submits a client op. Returns false after answering the client with the reason when the ring refused it.
     */
    public boolean submit(Connection connection, RequestId requestId, Submission submission) {
        long result = host.core().submit(handle, submission);
        if (Ingress.accepted(result)) {
            return true;
        }
        connection.sendError(requestId, result == Ingress.CLOSED
                ? new RpcError(RpcError.INTERNAL_ERROR, "the server is shutting down; nothing was applied", null)
                : RpcError.overloaded());
        return false;
    }

    /**
     * Starts a turn of {@code kind} (its id is the submission id) when the thread is idle: counts it against the
     * tenant, submits it, remembers it as pending. Throws when a turn is in flight or the tenant is at its limit.
     */
    public boolean startTurn(Connection connection, RequestId requestId, Submission submission, String kind) {
        usage.acquireTurn();
        if (!submit(connection, requestId, submission)) {
            usage.releaseTurn();
            return false;
        }
        countedTurns.add(submission.id());
        pendingTurnId = submission.id();
        submittedKinds.put(submission.id(), kind);
        return true;
    }

    /** Answers {@code turn/interrupt} when the running turn ends (or at once if it already has). */
    public void awaitTurnEnd(Runnable answer) {
        if (inFlightTurnId() == null) {
            answer.run();
        } else {
            interruptWaiters.add(answer);
        }
    }

    /** Submits a rollback; the answer waits for {@code thread_rolled_back} (or its failure). */
    public void rollback(Connection connection, RequestId requestId, long numTurns, boolean revert) {
        if (rollback != null) {
            throw RpcException.invalidRequest("rollback already in progress for this thread");
        }
        Submission submission = new Submission(host.core().newThreadId(), new Op.ThreadRollback(numTurns));
        if (submit(connection, requestId, submission)) {
            rollback = new PendingRollback(connection, requestId, revert);
        }
    }

    /**
     * Submits a settings-only {@code user_input_with_turn_context} (no input, see
     * {@code ThreadOverrides#settingsOp}); {@code refused} gets the core's message if it refused the settings. Take a
     * {@link #snapshot} afterwards to see them: it is applied after the submission, and a refusal is handled first.
     *
     * @return false after answering the client when the ring refused it
     */
    public boolean applySettings(Connection connection, RequestId requestId, Submission submission,
                                 Consumer<String> refused) {
        if (!submit(connection, requestId, submission)) {
            return false;
        }
        settingsOnly.put(submission.id(), refused);
        return true;
    }

    /**
     * {@code turn/steer}: asks the core to steer {@code items} into the running turn if it is {@code expectedTurnId}
     * (the check and the steer are one step on the thread's shard, so a turn that ends meanwhile is never followed
     * by a new one). The request is answered with {@code {turnId}} once the core applied it without an error, or
     * with the core's error (spec §4.4).
     */
    public void steer(Connection connection, RequestId requestId, String submissionId,
                      List<dev.turnstile.core.protocol.item.UserInput> items, String expectedTurnId) {
        long result = host.core().steer(handle, submissionId, items, expectedTurnId);
        if (!Ingress.accepted(result)) {
            connection.sendError(requestId, result == Ingress.CLOSED
                    ? new RpcError(RpcError.INTERNAL_ERROR, "the server is shutting down; nothing was applied", null)
                    : RpcError.overloaded());
            return;
        }
        steers.put(submissionId, new PendingSteer(connection, requestId, expectedTurnId));
        // The core says nothing when it steered: an inspection applied after the steer tells that it is done (an
        // error for it reaches this mailbox before the inspection's answer does).
        host.core().inspect(handle).whenCompleteAsync((snapshot, failure) -> {
            PendingSteer steered = steers.remove(submissionId);
            if (steered == null) {
                return;
            }
            if (failure != null) {
                steered.connection().sendError(steered.requestId(), RpcError.invalidRequest("no active turn to steer"));
            } else {
                steered.connection().respond(steered.requestId(), V2.object().put("turnId", steered.turnId()));
            }
        }, mailbox);
    }

    /** The core's refusal of a steer as the JSON-RPC error of spec §4.4 (non-steerable turns carry a TurnError). */
    private static RpcError steerError(EventMsg.Error error) {
        if (error.codexErrorInfo() instanceof CodexErrorInfo.ActiveTurnNotSteerable) {
            return new RpcError(RpcError.INVALID_REQUEST, error.message(),
                    V2.turnError(error.message(), error.codexErrorInfo(), null));
        }
        return RpcError.invalidRequest(error.message());
    }

    /** The thread's turns rebuilt from its rollout (spec §2.10); the running turn stays in progress. */
    public List<ThreadHistoryBuilder.RenderedTurn> turns() {
        var lines = host.core().readRollout(threadId, ThreadHistoryBuilder.LINES_READ);
        return lines == null ? List.of() : ThreadHistoryBuilder.build(lines, inFlightTurnId());
    }

    // ---- events (mailbox) ------------------------------------------------------------------------

    private void onEvent(Event event) {
        EventMsg msg = event.msg();
        String turnId = event.id().isEmpty() ? inFlightTurnId() : event.id();
        switch (msg) {
            case EventMsg.SessionConfigured session -> {
                configured = session;
                fireReadyIfConfigured();
            }
            case EventMsg.TurnStarted started -> onTurnStarted(started);
            case EventMsg.TurnComplete complete -> endTurn(complete.turnId(),
                    active != null && active.error != null ? "failed" : "completed", complete.completedAt(),
                    complete.durationMs());
            case EventMsg.TurnAborted aborted -> endTurn(aborted.turnId() != null ? aborted.turnId() : turnId,
                    "interrupted", aborted.completedAt(), aborted.durationMs());
            case EventMsg.ItemStarted started -> {
                ObjectNode params = V2.object();
                params.set("item", V2.item(started.item()));
                params.put("threadId", threadId).put("turnId", turnId).put("startedAtMs", started.startedAtMs());
                broadcast("item/started", params);
            }
            case EventMsg.ItemCompleted completed -> {
                if (completed.item() instanceof TurnItem.UserMessage user) {
                    rememberPreview(user.joinedText());
                }
                ObjectNode params = V2.object();
                params.set("item", V2.item(completed.item()));
                params.put("threadId", threadId).put("turnId", turnId)
                        .put("completedAtMs", completed.completedAtMs());
                broadcast("item/completed", params);
            }
            case EventMsg.AgentMessageContentDelta delta -> broadcast("item/agentMessage/delta", V2.object()
                    .put("threadId", threadId).put("turnId", turnId).put("itemId", delta.itemId())
                    .put("delta", delta.delta()));
            case EventMsg.TokenCount count -> {
                if (count.info() != null) {
                    ObjectNode params = V2.object().put("threadId", threadId).put("turnId", turnId);
                    params.set("tokenUsage", V2.tokenUsage(count.info()));
                    broadcast("thread/tokenUsage/updated", params);
                }
            }
            case EventMsg.Error error -> {
                if (configured == null && startError == null) {
                    startError = error.message(); // the thread never started (a fork that failed)
                    fireFailureIfFailed();
                    return;
                }
                onError(event.id(), turnId, error);
            }
            case EventMsg.StreamError error -> {
                ObjectNode params = V2.object();
                params.set("error", V2.turnError(error.message(), error.codexErrorInfo(), error.additionalDetails()));
                params.put("willRetry", true).put("threadId", threadId).put("turnId", turnId);
                broadcast("error", params);
            }
            case EventMsg.Warning warning -> broadcast("warning", V2.object().put("threadId", threadId)
                    .put("message", warning.message()));
            case EventMsg.ExecCommandBegin begin -> {
                if (startedCommands.add(begin.callId())) {
                    broadcast("item/started", itemParams(commandItem(begin.callId(), begin.command(), begin.cwd(),
                            begin.source().toString(), "inProgress", null, null, null), turnId, "startedAtMs",
                            begin.startedAtMs()));
                }
            }
            case EventMsg.ExecCommandOutputDelta delta -> broadcast("item/commandExecution/outputDelta", V2.object()
                    .put("threadId", threadId).put("turnId", turnId).put("itemId", delta.callId())
                    .put("delta", new String(delta.chunk(), StandardCharsets.UTF_8)));
            case EventMsg.ExecCommandEnd end -> {
                startedCommands.remove(end.callId());
                ObjectNode item = commandItem(end.callId(), end.command(), end.cwd(), end.source().toString(),
                        end.exitCode() == 0 ? "completed" : "failed", end.aggregatedOutput(), end.exitCode(),
                        end.duration().toDuration().toMillis());
                broadcast("item/completed", itemParams(item, turnId, "completedAtMs", end.completedAtMs()));
            }
            case EventMsg.PatchApplyEnd end -> {
                ObjectNode item = V2.object().put("type", "fileChange").put("id", end.callId());
                item.putArray("changes");
                item.put("status", end.success() ? "completed" : "failed");
                broadcast("item/completed", itemParams(item, turnId, "completedAtMs", System.currentTimeMillis()));
            }
            case EventMsg.EnteredReviewMode entered -> reviewItem(turnId, "enteredReviewMode",
                    ThreadHistoryBuilder.reviewLabel(entered));
            case EventMsg.ExitedReviewMode exited -> reviewItem(turnId, "exitedReviewMode",
                    ThreadHistoryBuilder.reviewText(exited));
            case EventMsg.PlanUpdate plan -> {
                ObjectNode params = V2.object().put("threadId", threadId).put("turnId", turnId)
                        .put("explanation", plan.explanation());
                params.set("plan", V2.camel(plan.plan()));
                broadcast("turn/plan/updated", params);
            }
            case EventMsg.TurnDiff diff -> broadcast("turn/diff/updated", V2.object().put("threadId", threadId)
                    .put("turnId", turnId).put("diff", diff.unifiedDiff()));
            case EventMsg.ThreadRolledBack rolledBack -> onRolledBack();
            case EventMsg.ShutdownComplete shutdown -> broadcast("thread/closed", V2.object()
                    .put("threadId", threadId));
            case EventMsg.ExecApprovalRequest exec -> {
                if (startedCommands.add(exec.callId())) {
                    broadcast("item/started", itemParams(commandItem(exec.callId(), exec.command(), exec.cwd(),
                            "agent", "inProgress", null, null, null), turnId, "startedAtMs",
                            System.currentTimeMillis()));
                }
                openAsk(turnId, msg, "waitingOnApproval");
            }
            case EventMsg.ApplyPatchApprovalRequest patch -> {
                ObjectNode item = V2.object().put("type", "fileChange").put("id", patch.callId());
                item.putArray("changes");
                item.put("status", "inProgress");
                broadcast("item/started", itemParams(item, turnId, "startedAtMs", System.currentTimeMillis()));
                openAsk(turnId, msg, "waitingOnApproval");
            }
            case EventMsg.RequestUserInput ask -> openAsk(turnId, msg, "waitingOnUserInput");
            case EventMsg.RequestPermissions ask -> openAsk(turnId, msg, "waitingOnApproval");
            case EventMsg.DynamicToolCallRequest call -> openAsk(turnId, msg, null);
            default -> {
            }
        }
    }

    private void onTurnStarted(EventMsg.TurnStarted started) {
        String kind = submittedKinds.remove(started.turnId());
        if (started.turnId().equals(pendingTurnId)) {
            pendingTurnId = null;
        }
        active = new RunningTurn(started.turnId(), kind == null ? "regular" : kind, started.startedAt());
        lastTurnId = started.turnId();
        setStatus(ThreadViews.status("active", List.of()));
        ObjectNode params = V2.object().put("threadId", threadId);
        params.set("turn", turnJson(active.id, "inProgress", null, active.startedAt, null, null));
        broadcast("turn/started", params);
    }

    private void endTurn(String turnId, String turnStatus, Long completedAt, Long durationMs) {
        ObjectNode error = active != null && active.id.equals(turnId) ? active.error : null;
        Long startedAt = active != null && active.id.equals(turnId) ? active.startedAt : null;
        if (active != null && active.id.equals(turnId)) {
            active = null;
        }
        if (turnId != null && turnId.equals(pendingTurnId)) {
            pendingTurnId = null;
        }
        releaseTurn(turnId);
        closeAsks(turnId);
        ObjectNode params = V2.object().put("threadId", threadId);
        params.set("turn", turnJson(turnId, turnStatus, "failed".equals(turnStatus) ? error : null, startedAt,
                completedAt, durationMs));
        broadcast("turn/completed", params);
        if (active == null) {
            setStatus(ThreadViews.status("idle", List.of()));
        }
        host.catalog().update(threadId, entry -> entry.touched(System.currentTimeMillis() / 1000));
        if (active == null && pendingTurnId == null) {
            List<Runnable> waiters = List.copyOf(interruptWaiters);
            interruptWaiters.clear();
            waiters.forEach(Runnable::run);
        }
        unloadIfUnused();
    }

    private void onError(String submissionId, String turnId, EventMsg.Error error) {
        Consumer<String> settingsRefused = settingsOnly.remove(submissionId);
        if (settingsRefused != null) {
            if (!error.message().equals(NO_INPUT)) {
                settingsRefused.accept(error.message());
            }
            return; // the settings were applied: the core only said that there was no input to start a turn with
        }
        PendingSteer steer = steers.remove(submissionId);
        if (steer != null) {
            steer.connection().sendError(steer.requestId(), steerError(error));
            return;
        }
        if (rollback != null && error.codexErrorInfo() == CodexErrorInfo.THREAD_ROLLBACK_FAILED) {
            PendingRollback pending = rollback;
            rollback = null;
            pending.connection().sendError(pending.requestId(), RpcError.invalidRequest(error.message()));
            unloadIfUnused();
            return;
        }
        if (turnId != null && turnId.equals(pendingTurnId) && active == null) {
            // The core refused the turn before starting it (e.g. a settings override it rejects).
            pendingTurnId = null;
            submittedKinds.remove(turnId);
            releaseTurn(turnId);
        } else if (!error.affectsTurnStatus()) {
            return; // e.g. steering into a review turn: not a failure of the turn (spec §4.8)
        } else if (active != null) {
            active.error = V2.turnError(error.message(), error.codexErrorInfo(), null);
        }
        ObjectNode params = V2.object();
        params.set("error", V2.turnError(error.message(), error.codexErrorInfo(), null));
        params.put("willRetry", false).put("threadId", threadId).put("turnId", turnId == null ? "" : turnId);
        broadcast("error", params);
    }

    private void onRolledBack() {
        PendingRollback pending = rollback;
        rollback = null;
        if (pending == null) {
            return;
        }
        List<ThreadHistoryBuilder.RenderedTurn> turns = turns();
        String preview = turns.stream().map(ThreadHistoryBuilder.RenderedTurn::firstUserText)
                .filter(text -> text != null).findFirst().orElse("");
        ThreadCatalog.Entry entry = host.catalog().update(threadId, e -> e.withPreview(preview)
                .touched(System.currentTimeMillis() / 1000));
        ObjectNode result = V2.object();
        result.set("thread", ThreadViews.thread(entry, status(), rolloutPath(), ThreadViews.turns(turns, true)));
        pending.connection().respond(pending.requestId(), result);
        if (pending.revert()) {
            broadcast("thread/reverted", V2.object().put("threadId", threadId));
        }
        unloadIfUnused();
    }

    private void releaseTurn(String turnId) {
        if (turnId != null && countedTurns.remove(turnId)) {
            usage.releaseTurn();
        }
    }

    private void rememberPreview(String text) {
        host.catalog().find(threadId).ifPresent(entry -> {
            if (entry.preview() == null || entry.preview().isEmpty()) {
                host.catalog().update(threadId, e -> e.withPreview(text));
            }
        });
    }

    // ---- questions to the client -----------------------------------------------------------------

    private void openAsk(String turnId, EventMsg event, String flag) {
        ApprovalRequests.Ask ask = ApprovalRequests.of(threadId, turnId,
                host.catalog().find(threadId).map(ThreadCatalog.Entry::cwd).orElse(""), event);
        if (ask == null) {
            return;
        }
        PendingAsk pending = new PendingAsk(ask);
        asks.put(ask.itemId(), pending);
        if (flag != null) {
            setStatus(ThreadViews.status("active", List.of(flag)));
        }
        for (Connection connection : subscribers) {
            ask(connection, pending);
        }
    }

    private void ask(Connection connection, PendingAsk pending) {
        long requestId = connection.request(pending.ask.method(), pending.ask.params().deepCopy(),
                (result, error) -> mailbox.execute(() -> answered(pending, result, error)));
        pending.requestIds.put(connection, requestId);
    }

    private void answered(PendingAsk pending, JsonNode result, JsonNode error) {
        if (asks.get(pending.ask.itemId()) != pending) {
            return; // answered already by another follower, or the turn ended
        }
        Op op = pending.ask.answer().toOp(result, error);
        long accepted = host.core().submit(handle, new Submission(host.core().newThreadId(), op));
        if (!Ingress.accepted(accepted)) {
            LOG.warn("thread {}: the answer to {} could not be submitted (ring full); the question stays open",
                    threadId, pending.ask.method());
            return;
        }
        asks.remove(pending.ask.itemId());
        resolved(pending);
        if (active != null && asks.isEmpty()) {
            setStatus(ThreadViews.status("active", List.of()));
        }
    }

    /** Tells every follower that was asked that the question is settled. */
    private void resolved(PendingAsk pending) {
        pending.requestIds.forEach((connection, requestId) -> {
            connection.cancelRequest(requestId);
            connection.notify("serverRequest/resolved", V2.object().put("threadId", threadId)
                    .put("requestId", requestId));
        });
    }

    private void closeAsks(String turnId) {
        asks.values().removeIf(pending -> {
            if (pending.ask.turnId() == null || pending.ask.turnId().equals(turnId)) {
                resolved(pending);
                return true;
            }
            return false;
        });
    }

    // ---- output ----------------------------------------------------------------------------------

    private void setStatus(ObjectNode newStatus) {
        if (newStatus.equals(status)) {
            return;
        }
        status = newStatus;
        ObjectNode params = V2.object().put("threadId", threadId);
        params.set("status", newStatus.deepCopy());
        broadcast("thread/status/changed", params);
    }

    /** Sends a notification to every follower but {@code except} (who was answered directly). */
    public void broadcastExcept(Connection except, String method, ObjectNode params) {
        for (Connection connection : List.copyOf(subscribers)) {
            if (connection != except) {
                connection.notify(method, params);
            }
        }
    }

    private void broadcast(String method, ObjectNode params) {
        for (Connection connection : List.copyOf(subscribers)) {
            connection.notify(method, params);
        }
    }

    private void reviewItem(String turnId, String type, String review) {
        ObjectNode item = V2.object().put("type", type).put("id", host.core().newThreadId()).put("review", review);
        long now = System.currentTimeMillis();
        broadcast("item/started", itemParams(item, turnId, "startedAtMs", now));
        broadcast("item/completed", itemParams(item.deepCopy(), turnId, "completedAtMs", now));
    }

    private ObjectNode itemParams(ObjectNode item, String turnId, String timeField, long time) {
        ObjectNode params = V2.object();
        params.set("item", item);
        params.put("threadId", threadId).put("turnId", turnId).put(timeField, time);
        return params;
    }

    private static ObjectNode commandItem(String callId, List<String> command, String cwd, String source,
                                          String itemStatus, String output, Integer exitCode, Long durationMs) {
        ObjectNode item = V2.object().put("type", "commandExecution").put("id", callId)
                .put("command", V2.shellJoin(command)).put("cwd", cwd).putNull("processId")
                .put("source", V2.camelName(source.toLowerCase(java.util.Locale.ROOT))).put("status", itemStatus);
        item.set("commandActions", V2.commandActions(command));
        item.put("aggregatedOutput", output);
        if (exitCode == null) {
            item.putNull("exitCode");
        } else {
            item.put("exitCode", exitCode);
        }
        ThreadHistoryBuilder.putNullable(item, "durationMs", durationMs);
        return item;
    }

    /** v2 {@code Turn} as notifications carry it: {@code items: []}, {@code itemsView: "notLoaded"} (spec §4.6). */
    public static ObjectNode turnJson(String turnId, String turnStatus, ObjectNode error, Long startedAt,
                                      Long completedAt, Long durationMs) {
        ObjectNode turn = V2.object().put("id", turnId);
        turn.putArray("items");
        turn.put("itemsView", "notLoaded").put("status", turnStatus);
        turn.set("error", error == null ? V2.object().nullNode() : error);
        ThreadHistoryBuilder.putNullable(turn, "startedAt", startedAt);
        ThreadHistoryBuilder.putNullable(turn, "completedAt", completedAt);
        ThreadHistoryBuilder.putNullable(turn, "durationMs", durationMs);
        return turn;
    }
}
