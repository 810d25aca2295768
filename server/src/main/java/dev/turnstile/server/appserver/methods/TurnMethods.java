package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.host.TurnPermissionOverrides;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.SettingsRejectedException;
import dev.turnstile.core.session.SettingsUpdate;
import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.LoadedThread;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code turn/start}, {@code turn/steer}, {@code turn/interrupt} (spec §4.4, §4.8). */
final class TurnMethods {
    private static final long INSPECT_TIMEOUT_SECONDS = 30;
    private final AppServer server;

    TurnMethods(AppServer server) {
        this.server = server;
    }

    void start(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        params.requiredString("threadId");
        ArrayNode input = params.requiredArray("input");
        ArrayNode items = TurnInputs.items(input);
        String threadId = ThreadAccess.threadId(params);
        LoadedThread thread = ThreadAccess.loaded(server, connection, threadId);
        TurnInputs.checkTurnStart(params, connection.experimentalApi());
        String submissionId = server.core().newThreadId();
        Submission submission = submission(thread, submissionId, params, items);
        connection.tenant().takeSubmission();
        call.onMailbox(thread, () -> {
            String inFlight = thread.inFlightTurnId();
            thread.subscribe(connection);
            if (inFlight != null) {
                // Codex 0.169: input for a busy thread is steered into the running turn, whose id is answered
                // (its overrides apply from then on, spec §1.3).
                refuseNonSteerable(thread.activeTurnKind());
                if (thread.submit(connection, call.id(), submission)) {
                    call.respond(turnResult(inFlight));
                }
                return;
            }
            if (thread.startTurn(connection, call.id(), submission, "regular")) {
                call.respond(turnResult(submissionId));
            }
        });
    }

    /**
     * The op for a {@code turn/start} (spec §3.4 steps 2–4). A cwd, runtime roots or a profile are resolved against
     * the thread's current settings, read from the thread first, and the overrides are checked against those
     * settings: what the core would refuse is answered {@code invalid turn context override: …} at once.
     */
    private Submission submission(LoadedThread thread, String submissionId, Params params, ArrayNode items) {
        String cwd = params.optionalString("cwd");
        List<String> roots = params.optionalStrings("runtimeWorkspaceRoots");
        PermissionsParam permissions = PermissionsParam.of(params);
        if (cwd == null && roots == null && permissions == null) {
            return TurnInputs.turnStart(submissionId, params, items, null, TurnPermissionOverrides.NONE);
        }
        if (cwd != null && cwd.isBlank()) {
            throw RpcException.invalidRequest("invalid turn context override: cwd must not be empty");
        }
        SessionConfiguration current = currentSettings(thread);
        TurnPermissionOverrides chosen = TurnPermissionOverrides.NONE;
        String resolvedCwd;
        try {
            resolvedCwd = cwd == null ? null : Path.of(current.cwd()).resolve(cwd).normalize().toString();
            if (roots != null || permissions != null) {
                chosen = server.core().turnPermissionOverrides(current.cwd(), cwd,
                        PermissionsParam.runtimeRoots(roots, permissions, current::workspaceRoots),
                        PermissionsParam.idOf(permissions));
            }
        } catch (PermissionException | InvalidPathException e) {
            throw RpcException.invalidRequest("invalid turn context override: " + e.getMessage());
        }
        Submission submission = TurnInputs.turnStart(submissionId, params, items, resolvedCwd, chosen);
        try {
            SettingsUpdate.of(submission.op()).applyTo(current, server.core().config().processDirectory());
        } catch (SettingsRejectedException e) {
            throw RpcException.invalidRequest("invalid turn context override: " + e.getMessage());
        }
        return submission;
    }

    /** The thread's settings now, read on its shard (the caller's connection waits; the thread does not). */
    private static SessionConfiguration currentSettings(LoadedThread thread) {
        if (thread.handle() == null) {
            throw RpcException.invalidRequest("thread not found: " + thread.threadId()); // still being loaded
        }
        try {
            return thread.inspect().get(INSPECT_TIMEOUT_SECONDS, TimeUnit.SECONDS).configuration();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(new RpcError(RpcError.INTERNAL_ERROR, "interrupted", null));
        } catch (ExecutionException | TimeoutException e) {
            throw RpcException.invalidRequest("thread not found: " + thread.threadId());
        }
    }

    /**
     * {@code turn/steer}: the core steers the input into the running turn only if it is {@code expectedTurnId}, and
     * never starts a turn; its refusals are answered as spec §4.4 words them.
     */
    void steer(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        params.requiredString("threadId");
        ArrayNode input = params.requiredArray("input");
        String expected = params.requiredString("expectedTurnId");
        if (expected.isEmpty()) {
            throw RpcException.invalidRequest("expectedTurnId must not be empty");
        }
        List<UserInput> items = TurnInputs.coreItems(TurnInputs.items(input));
        LoadedThread thread = ThreadAccess.loaded(server, connection, ThreadAccess.threadId(params));
        connection.tenant().takeSubmission();
        String submissionId = server.core().newThreadId();
        thread.run(() -> thread.steer(connection, call.id(), submissionId, items, expected));
    }

    void interrupt(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        String turnId = params.requiredString("turnId");
        LoadedThread thread = ThreadAccess.loaded(server, connection, ThreadAccess.threadId(params));
        if (turnId.isEmpty()) {
            call.respond(V2.object()); // a "startup interrupt": nothing runs yet
            return;
        }
        thread.run(() -> {
            String inFlight = thread.inFlightTurnId();
            if (inFlight == null) {
                call.fail(RpcException.invalidRequest("no active turn to interrupt"));
                return;
            }
            if (!inFlight.equals(turnId)) {
                call.fail(RpcException.invalidRequest("expected active turn id " + turnId + " but found "
                        + inFlight));
                return;
            }
            Submission interrupt = new Submission(server.core().newThreadId(), new Op.Interrupt());
            if (thread.submit(connection, call.id(), interrupt)) {
                thread.awaitTurnEnd(() -> call.respond(V2.object()));
            }
        });
    }

    /** Review and compact turns take no input (spec §4.4): the error carries the TurnError as {@code data}. */
    static void refuseNonSteerable(String kind) {
        if ("review".equals(kind) || "compact".equals(kind)) {
            String message = "cannot steer a " + kind + " turn";
            ObjectNode info = V2.object();
            info.putObject("activeTurnNotSteerable").put("turnKind", kind);
            ObjectNode data = V2.object().put("message", message);
            data.set("codexErrorInfo", info);
            data.putNull("additionalDetails");
            throw new RpcException(new RpcError(RpcError.INVALID_REQUEST, message, data));
        }
    }

    static ObjectNode turnResult(String turnId) {
        ObjectNode result = V2.object();
        result.set("turn", LoadedThread.turnJson(turnId, "inProgress", null, null, null, null));
        return result;
    }
}
