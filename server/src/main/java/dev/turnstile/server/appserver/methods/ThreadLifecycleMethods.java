package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.host.HostOverloadedException;
import dev.turnstile.core.host.ThreadNotFoundException;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.SessionSnapshot;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.notify.DeprecationNotices;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loading and unloading threads: {@code thread/start}, {@code thread/resume}, {@code thread/fork},
 * {@code thread/unsubscribe},
 * {@code thread/archive}, {@code thread/unarchive}, {@code thread/name/set} (spec §4.4).
 */
final class ThreadLifecycleMethods {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadLifecycleMethods.class);

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
        SessionConfiguration configuration = ThreadOverrides.read("thread/start", params,
                connection.experimentalApi(), processDirectory).configuration(server.core(), processDirectory);
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
        thread.whenFailed(message -> {
            connection.tenant().releaseLoadedThread();
            server.catalog().update(threadId, t -> t.withArchived(true));
            call.fail(RpcException.invalidRequest(message));
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

    // ---- thread/resume --------------------------------------------------------------------------

    void resume(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        String threadId = ThreadAccess.threadId(params);
        ThreadOverrides overrides = ThreadOverrides.read("thread/resume", params, connection.experimentalApi(),
                processDirectory);
        String noRollout = "no rollout found for thread id " + threadId;
        ThreadCatalog.Entry entry = server.catalog().owned(connection.tenantId(), threadId)
                .orElseThrow(() -> RpcException.invalidRequest(noRollout));
        if (entry.archived()) {
            throw RpcException.invalidRequest("thread " + threadId + " is archived; unarchive it first");
        }
        boolean withTurns = !params.flag("excludeTurns");
        connection.tenant().takeSubmission();
        if (withTurns) {
            DeprecationNotices.fullHistoryResumeOrFork(connection);
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            LoadedThread thread = server.loaded(threadId);
            if (thread != null && !thread.unloading()) {
                thread.run(() -> attach(call, thread, entry, withTurns, noRollout, overrides));
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
            overrides.check(server.core(), entry.cwd());
            connection.tenant().acquireLoadedThread();
            LoadedThread fresh = new LoadedThread(server, threadId, connection.tenant());
            if (!server.register(fresh)) {
                connection.tenant().releaseLoadedThread();
                continue;
            }
            fresh.whenReady(snapshot -> withOverrides(call, fresh, snapshot, overrides,
                    applied -> answerResume(call, fresh, applied, withTurns)));
            fresh.whenFailed(message -> {
                connection.tenant().releaseLoadedThread();
                call.fail(RpcException.invalidRequest(message));
            });
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

    /**
     * Resuming a thread that is loaded: re-attach. Overrides are not applied (spec §3.4, as upstream); what they
     * asked for and did not get is said in a {@code warning} to the caller (upstream only logs it).
     */
    private void attach(Call call, LoadedThread thread, ThreadCatalog.Entry entry, boolean withTurns,
                        String noRollout, ThreadOverrides overrides) {
        RolloutStore.StoredThread stored = server.core().config().rollouts().find(thread.threadId());
        if (entry.ephemeral() || stored == null || !stored.materialized()) {
            call.fail(RpcException.invalidRequest(noRollout));
            return;
        }
        thread.subscribe(call.connection());
        thread.snapshot(snapshot -> {
            answerResume(call, thread, snapshot, withTurns);
            List<String> ignored = overrides.mismatches(server.core(), snapshot.configuration());
            if (!ignored.isEmpty()) {
                String message = "thread/resume: thread " + thread.threadId() + " is already loaded, so these "
                        + "overrides were ignored: " + String.join("; ", ignored);
                LOG.info(message);
                call.connection().notify("warning", V2.object().put("threadId", thread.threadId())
                        .put("message", message));
            }
        }, failure -> call.fail(RpcException.invalidRequest(noRollout)));
    }

    /**
     * Applies a resume's or fork's overrides to the thread the core rebuilt with its own settings, then hands on a
     * snapshot that shows them; a refusal answers the request instead.
     */
    private void withOverrides(Call call, LoadedThread thread, SessionSnapshot snapshot, ThreadOverrides overrides,
                               Consumer<SessionSnapshot> then) {
        Submission settings;
        try {
            settings = overrides.settingsOp(server.core(), snapshot.configuration(), processDirectory);
        } catch (RpcException e) {
            refuseLoaded(call, thread, e);
            return;
        }
        if (settings == null) {
            then.accept(snapshot);
            return;
        }
        String[] refused = {null};
        if (!thread.applySettings(call.connection(), call.id(), settings, message -> refused[0] = message)) {
            thread.run(thread::unloadIfUnused);
            return;
        }
        thread.snapshot(applied -> {
            if (refused[0] != null) {
                refuseLoaded(call, thread, RpcException.invalidRequest("invalid thread settings: " + refused[0]));
            } else {
                then.accept(applied);
            }
        }, failure -> refuseLoaded(call, thread, RpcException.invalidRequest("the thread ended while its settings "
                + "were applied: " + failure.getMessage())));
    }

    /** Answers with {@code error}; the thread just loaded for the request is unloaded again if nobody follows it. */
    private static void refuseLoaded(Call call, LoadedThread thread, RpcException error) {
        call.fail(error);
        thread.unloadIfUnused();
    }

    private void answerResume(Call call, LoadedThread thread, SessionSnapshot snapshot, boolean withTurns) {
        Connection connection = call.connection();
        thread.subscribe(connection);
        ThreadCatalog.Entry entry = server.catalog().find(thread.threadId()).orElseThrow();
        List<ThreadHistoryBuilder.RenderedTurn> turns = withTurns ? thread.turns() : List.of();
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

    // ---- thread/fork ----------------------------------------------------------------------------

    /**
     * {@code thread/fork {threadId, lastTurnId?, excludeTurns?, ...overrides}}: a new thread with the parent's
     * history up to {@code lastTurnId} (all of it without), copy-on-write in the journal. The caller's tenant owns
     * the child and follows it; the result is shaped like {@code thread/start}'s with {@code thread.forkedFromId}, and
     * {@code thread/started} follows.
     */
    void fork(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        String parentId = ThreadAccess.threadId(params);
        ThreadOverrides overrides = ThreadOverrides.read("thread/fork", params, connection.experimentalApi(),
                processDirectory);
        String lastTurnId = params.optionalString("lastTurnId");
        boolean withTurns = !params.flag("excludeTurns");
        String noRollout = "no rollout found for thread id " + parentId;
        ThreadCatalog.Entry parent = server.catalog().owned(connection.tenantId(), parentId)
                .orElseThrow(() -> RpcException.invalidRequest(noRollout));
        if (parent.ephemeral()) {
            throw RpcException.invalidRequest(noRollout);
        }
        if (params.flag("ephemeral")) {
            throw RpcException.invalidRequest("thread/fork with `ephemeral: true` is not supported by this server: "
                    + "a fork shares its parent's journal records, so it is always persisted");
        }
        overrides.check(server.core(), parent.cwd());
        connection.tenant().takeSubmission();
        if (withTurns) {
            DeprecationNotices.fullHistoryResumeOrFork(connection);
        }
        connection.tenant().acquireLoadedThread();
        LoadedThread child = LoadedThread.forChild(server, connection.tenant());
        child.whenFailed(message -> {
            connection.tenant().releaseLoadedThread();
            call.fail(RpcException.invalidRequest(forkFailure(message, parentId)));
        });
        child.whenReady(snapshot -> withOverrides(call, child, snapshot, overrides,
                applied -> answerFork(call, child, parent, applied, withTurns)));
        ThreadHandle handle;
        try {
            handle = server.core().forkThread(parentId, lastTurnId, null, child);
        } catch (ThreadNotFoundException e) {
            connection.tenant().releaseLoadedThread();
            throw RpcException.invalidRequest(noRollout);
        } catch (HostOverloadedException e) {
            connection.tenant().releaseLoadedThread();
            throw new RpcException(RpcError.overloaded());
        }
        child.identify(handle.threadId());
        server.register(child);
        child.handleKnown(handle);
    }

    /** The core's fork error without its "cannot fork thread X: " prefix (e.g. {@code turn not found: <id>}). */
    static String forkFailure(String message, String parentId) {
        String prefix = "cannot fork thread " + parentId + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private void answerFork(Call call, LoadedThread child, ThreadCatalog.Entry parent, SessionSnapshot snapshot,
                            boolean withTurns) {
        Connection connection = call.connection();
        SessionConfiguration config = snapshot.configuration();
        List<ThreadHistoryBuilder.RenderedTurn> turns = withTurns ? child.turns() : List.of();
        String preview = withTurns ? turns.stream().map(ThreadHistoryBuilder.RenderedTurn::firstUserText)
                .filter(text -> text != null).findFirst().orElse("") : parent.preview();
        long now = System.currentTimeMillis() / 1000;
        ThreadCatalog.Entry entry = new ThreadCatalog.Entry(child.threadId(), connection.tenantId(), now, now,
                config.cwd(), false, parent.threadId(), config.modelProviderId(), null, false,
                preview == null ? "" : preview);
        server.catalog().add(entry);
        child.subscribe(connection);
        ObjectNode threadJson = ThreadViews.thread(entry, child.status(), child.rolloutPath(),
                withTurns ? ThreadViews.turns(turns, true) : null);
        call.respond(ThreadViews.session(threadJson, config, connection.experimentalApi()));
        ObjectNode started = V2.object();
        started.set("thread", ThreadViews.thread(entry, child.status(), child.rolloutPath(), null));
        connection.notify("thread/started", started);
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
