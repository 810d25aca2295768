package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.host.HostOverloadedException;
import dev.turnstile.core.host.ThreadNotFoundException;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.SessionSnapshot;
import dev.turnstile.core.session.SettingsRejectedException;
import dev.turnstile.core.session.SettingsUpdate;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.LoadedThread;
import dev.turnstile.server.appserver.threads.ThreadCatalog;
import dev.turnstile.server.appserver.threads.ThreadHistoryBuilder;
import dev.turnstile.server.appserver.threads.ThreadViews;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Loading and unloading threads: {@code thread/start}, {@code thread/resume}, {@code thread/unsubscribe},
 * {@code thread/archive}, {@code thread/unarchive}, {@code thread/name/set} (spec §4.4).
 */
final class ThreadLifecycleMethods {
    private static final Set<String> EXPERIMENTAL_THREAD_FIELDS = Set.of("runtimeWorkspaceRoots", "permissions",
            "environments", "dynamicTools", "experimentalRawEvents", "history", "path", "excludeTurns");
    private static final ProtocolCodec CODEC = ProtocolCodec.shared();

    private final AppServer server;
    private final Path processDirectory;

    ThreadLifecycleMethods(AppServer server) {
        this.server = server;
        this.processDirectory = server.core().config().processDirectory();
    }

    // ---- thread/start ---------------------------------------------------------------------------

    void start(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        TurnInputs.checkExperimental("thread/start", params, EXPERIMENTAL_THREAD_FIELDS, connection.experimentalApi());
        SessionConfiguration configuration = configuration(params);
        boolean ephemeral = params.flag("ephemeral");
        connection.tenant().takeSubmission();
        connection.tenant().acquireLoadedThread();
        String threadId = server.core().newThreadId();
        long now = System.currentTimeMillis() / 1000;
        ThreadCatalog.Entry entry = new ThreadCatalog.Entry(threadId, connection.tenantId(), now, now,
                configuration.cwd(), ephemeral, null, configuration.modelProviderId(), null, false, "");
        LoadedThread thread = new LoadedThread(server, threadId, connection.tenant());
        server.register(thread);
        server.catalog().add(entry);
        thread.whenReady(snapshot -> {
            thread.subscribe(connection);
            ObjectNode threadJson = ThreadViews.thread(entry, thread.status(), thread.rolloutPath(), null);
            call.respond(ThreadViews.session(threadJson, snapshot.configuration(), connection.experimentalApi()));
            ObjectNode started = V2.object();
            started.set("thread", threadJson.deepCopy());
            connection.notify("thread/started", started);
        });
        ThreadHandle handle;
        try {
            handle = server.core().startThread(new ThreadSpec(threadId, configuration, null, ephemeral), thread);
        } catch (HostOverloadedException e) {
            thread.abandon();
            connection.tenant().releaseLoadedThread();
            server.catalog().update(threadId, t -> t.withArchived(true));
            throw new RpcException(RpcError.overloaded());
        }
        thread.handleKnown(handle);
    }

    /** A new thread's settings: the host's defaults, then the request's overrides (spec §4.4, §3.4). */
    private SessionConfiguration configuration(Params params) {
        String cwd = params.optionalString("cwd");
        String effectiveCwd = cwd == null ? processDirectory.toString() : processDirectory.resolve(cwd).normalize()
                .toString();
        SessionConfiguration defaults = server.core().defaultConfiguration(effectiveCwd);
        if (params.has("permissions") && params.has("sandbox")) {
            throw RpcException.invalidRequest("`permissions` cannot be combined with `sandbox`");
        }
        List<String> roots = params.optionalStrings("runtimeWorkspaceRoots");
        String permissions = TurnInputs.permissionsId(params);
        SettingsUpdate update = new SettingsUpdate(null,
                roots == null ? null : TurnInputs.resolveRoots(roots, effectiveCwd), null,
                decode(params, "approvalPolicy", AskForApproval.class),
                decode(params, "approvalsReviewer", ApprovalsReviewer.class), sandbox(params),
                permissions == null ? null : V2.object().textNode(permissions),
                permissions == null ? null : new dev.turnstile.core.protocol.policy.ActivePermissionProfile(permissions),
                null, params.optionalString("model"), null, null, params.optionalString("serviceTier"), null,
                decode(params, "personality", dev.turnstile.core.protocol.policy.Personality.class), null, null);
        try {
            return update.applyTo(defaults, processDirectory);
        } catch (SettingsRejectedException e) {
            throw RpcException.invalidRequest("invalid thread settings: " + e.getMessage());
        }
    }

    private static SandboxPolicy sandbox(Params params) {
        String mode = params.optionalString("sandbox");
        if (mode == null) {
            return null;
        }
        return switch (mode) {
            case "read-only" -> SandboxPolicy.readOnly();
            case "workspace-write" -> SandboxPolicy.workspaceWrite();
            case "danger-full-access" -> SandboxPolicy.dangerFullAccess();
            default -> throw RpcException.invalidRequest("Invalid request: unknown variant `" + mode
                    + "`, expected one of `read-only`, `workspace-write`, `danger-full-access` at `sandbox`");
        };
    }

    static <T> T decode(Params params, String field, Class<T> type) {
        JsonNode value = params.get(field);
        if (value == null) {
            return null;
        }
        try {
            return CODEC.fromTree(value, type);
        } catch (RuntimeException e) {
            throw RpcException.invalidRequest("Invalid request: " + field + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("")));
        }
    }

    // ---- thread/resume --------------------------------------------------------------------------

    void resume(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        String threadId = ThreadAccess.threadId(params);
        TurnInputs.checkExperimental("thread/resume", params, EXPERIMENTAL_THREAD_FIELDS,
                connection.experimentalApi());
        String noRollout = "no rollout found for thread id " + threadId;
        ThreadCatalog.Entry entry = server.catalog().owned(connection.tenantId(), threadId)
                .orElseThrow(() -> RpcException.invalidRequest(noRollout));
        if (entry.archived()) {
            throw RpcException.invalidRequest("thread " + threadId + " is archived; unarchive it first");
        }
        boolean withTurns = !params.flag("excludeTurns");
        connection.tenant().takeSubmission();
        for (int attempt = 0; attempt < 100; attempt++) {
            LoadedThread thread = server.loaded(threadId);
            if (thread != null && !thread.unloading()) {
                thread.run(() -> attach(call, thread, entry, withTurns, noRollout));
                return;
            }
            if (thread != null) {
                awaitUnloaded(thread);
                continue;
            }
            RolloutStore.StoredThread stored = server.core().config().rollouts().find(threadId);
            if (stored == null || !stored.materialized()) {
                throw RpcException.invalidRequest(noRollout);
            }
            connection.tenant().acquireLoadedThread();
            LoadedThread fresh = new LoadedThread(server, threadId, connection.tenant());
            if (!server.register(fresh)) {
                connection.tenant().releaseLoadedThread();
                continue;
            }
            fresh.whenReady(snapshot -> answerResume(call, fresh, snapshot, withTurns));
            try {
                fresh.handleKnown(server.core().resumeThread(threadId, fresh));
            } catch (ThreadNotFoundException e) {
                fresh.abandon();
                connection.tenant().releaseLoadedThread();
                throw RpcException.invalidRequest(noRollout);
            } catch (HostOverloadedException e) {
                fresh.abandon();
                connection.tenant().releaseLoadedThread();
                throw new RpcException(RpcError.overloaded());
            }
            return;
        }
        throw new RpcException(new RpcError(RpcError.INTERNAL_ERROR, "thread " + threadId
                + " kept changing while it was being resumed; retry", null));
    }

    /** Resuming a thread that is loaded: re-attach (overrides are ignored, as upstream). */
    private void attach(Call call, LoadedThread thread, ThreadCatalog.Entry entry, boolean withTurns,
                        String noRollout) {
        RolloutStore.StoredThread stored = server.core().config().rollouts().find(thread.threadId());
        if (entry.ephemeral() || stored == null || !stored.materialized()) {
            call.fail(RpcException.invalidRequest(noRollout));
            return;
        }
        thread.subscribe(call.connection());
        thread.snapshot(snapshot -> answerResume(call, thread, snapshot, withTurns),
                failure -> call.fail(RpcException.invalidRequest(noRollout)));
    }

    private void answerResume(Call call, LoadedThread thread, SessionSnapshot snapshot, boolean withTurns) {
        Connection connection = call.connection();
        thread.subscribe(connection);
        ThreadCatalog.Entry entry = server.catalog().find(thread.threadId()).orElseThrow();
        List<ThreadHistoryBuilder.RenderedTurn> turns = thread.turns();
        ArrayNode turnsJson = withTurns ? ThreadViews.turns(turns, true) : null;
        ObjectNode threadJson = ThreadViews.thread(entry, thread.status(), thread.rolloutPath(), turnsJson);
        call.respond(ThreadViews.session(threadJson, snapshot.configuration(), connection.experimentalApi()));
        if (withTurns && snapshot.tokenInfo() != null) {
            ObjectNode usage = V2.object().put("threadId", thread.threadId())
                    .put("turnId", turns.isEmpty() ? "" : turns.getLast().id());
            usage.set("tokenUsage", V2.tokenUsage(snapshot.tokenInfo()));
            connection.notify("thread/tokenUsage/updated", usage);
        }
    }

    private static void awaitUnloaded(LoadedThread thread) {
        try {
            thread.unloadedFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new RpcException(new RpcError(RpcError.INTERNAL_ERROR, "thread " + thread.threadId()
                    + " is still being unloaded; retry", null));
        }
    }

    // ---- thread/unsubscribe ---------------------------------------------------------------------

    void unsubscribe(Call call) {
        String threadId = ThreadAccess.threadId(call.params());
        LoadedThread thread = server.catalog().owned(call.connection().tenantId(), threadId).isPresent()
                ? server.loaded(threadId) : null;
        if (thread == null || thread.unloading()) {
            call.respond(V2.object().put("status", "notLoaded"));
            return;
        }
        thread.run(() -> call.respond(V2.object().put("status",
                thread.unsubscribe(call.connection()) ? "unsubscribed" : "notSubscribed")));
    }

    // ---- archive, unarchive, name ---------------------------------------------------------------

    void archive(Call call) {
        String threadId = ThreadAccess.threadId(call.params());
        ThreadAccess.owned(server, call.connection(), threadId);
        call.connection().tenant().takeSubmission();
        LoadedThread thread = server.loaded(threadId);
        if (thread != null && !thread.unloading()) {
            thread.run(thread::unload);
            awaitUnloaded(thread);
        }
        server.catalog().update(threadId, entry -> entry.withArchived(true));
        call.respond(V2.object());
        call.connection().notify("thread/archived", V2.object().put("threadId", threadId));
    }

    void unarchive(Call call) {
        String threadId = ThreadAccess.threadId(call.params());
        ThreadAccess.owned(server, call.connection(), threadId);
        ThreadCatalog.Entry entry = server.catalog().update(threadId, e -> e.withArchived(false));
        ObjectNode result = V2.object();
        result.set("thread", ThreadViews.thread(entry, ThreadViews.notLoaded(), null, null));
        call.respond(result);
        call.connection().notify("thread/unarchived", V2.object().put("threadId", threadId));
    }

    void setName(Call call) {
        String threadId = ThreadAccess.threadId(call.params());
        String name = call.params().requiredString("name");
        ThreadAccess.owned(server, call.connection(), threadId);
        String trimmed = name.strip();
        server.catalog().update(threadId, entry -> entry.withName(trimmed.isEmpty() ? null : trimmed));
        call.respond(V2.object());
        ObjectNode updated = V2.object().put("threadId", threadId).put("threadName", trimmed.isEmpty() ? null
                : trimmed);
        call.connection().notify("thread/name/updated", updated);
        LoadedThread thread = server.loaded(threadId);
        if (thread != null) {
            thread.run(() -> thread.broadcastExcept(call.connection(), "thread/name/updated", updated));
        }
    }
}
