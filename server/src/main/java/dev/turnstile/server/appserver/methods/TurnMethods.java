package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.LoadedThread;

/** {@code turn/start}, {@code turn/steer}, {@code turn/interrupt} (spec §4.4, §4.8). */
final class TurnMethods {
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
        connection.tenant().takeSubmission();
        String submissionId = server.core().newThreadId();
        thread.run(() -> {
            try {
                String cwd = server.catalog().find(threadId).map(e -> e.cwd()).orElse(null);
                String inFlight = thread.inFlightTurnId();
                thread.subscribe(connection);
                if (inFlight != null) {
                    // Codex 0.169: input for a busy thread is steered into the running turn, whose id is answered.
                    refuseNonSteerable(thread.activeTurnKind());
                    if (thread.submit(connection, call.id(), TurnInputs.userInput(submissionId, items))) {
                        call.respond(turnResult(inFlight));
                    }
                    return;
                }
                Submission submission = TurnInputs.turnStart(submissionId, params, items,
                        connection.experimentalApi(), cwd);
                if (thread.startTurn(connection, call.id(), submission, "regular")) {
                    call.respond(turnResult(submissionId));
                }
            } catch (RpcException e) {
                call.fail(e);
            }
        });
    }

    void steer(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        params.requiredString("threadId");
        ArrayNode input = params.requiredArray("input");
        String expected = params.requiredString("expectedTurnId");
        if (expected.isEmpty()) {
            throw RpcException.invalidRequest("expectedTurnId must not be empty");
        }
        if (input.isEmpty()) {
            throw RpcException.invalidRequest("input must not be empty");
        }
        ArrayNode items = TurnInputs.items(input);
        LoadedThread thread = ThreadAccess.loaded(server, connection, ThreadAccess.threadId(params));
        connection.tenant().takeSubmission();
        String submissionId = server.core().newThreadId();
        thread.run(() -> {
            try {
                String active = thread.activeTurnId();
                if (active == null) {
                    throw RpcException.invalidRequest("no active turn to steer");
                }
                if (!active.equals(expected)) {
                    throw RpcException.invalidRequest("expected active turn id `" + expected + "` but found `"
                            + active + "`");
                }
                refuseNonSteerable(thread.activeTurnKind());
                if (thread.submit(connection, call.id(), TurnInputs.userInput(submissionId, items))) {
                    call.respond(V2.object().put("turnId", active));
                }
            } catch (RpcException e) {
                call.fail(e);
            }
        });
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
