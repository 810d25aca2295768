package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ReviewRequest;
import dev.turnstile.core.protocol.policy.ReviewTarget;
import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.LoadedThread;

/** Turns that are not a user's message: {@code thread/compact/start}, {@code thread/shellCommand}, {@code review/start}. */
final class TaskMethods {
    private final AppServer server;

    TaskMethods(AppServer server) {
        this.server = server;
    }

    void compact(Call call) {
        Connection connection = call.connection();
        LoadedThread thread = ThreadAccess.loaded(server, connection, ThreadAccess.threadId(call.params()));
        connection.tenant().takeSubmission();
        String submissionId = server.core().newThreadId();
        call.onMailbox(thread, () -> {
            thread.subscribe(connection);
            if (thread.startTurn(connection, call.id(), new Submission(submissionId, new Op.Compact()),
                    "compact")) {
                call.respond(V2.object());
            }
        });
    }

    void shellCommand(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        String command = params.requiredString("command");
        if (command.isBlank()) {
            throw RpcException.invalidRequest("command must not be empty");
        }
        LoadedThread thread = ThreadAccess.loaded(server, connection, ThreadAccess.threadId(params));
        connection.tenant().takeSubmission();
        String submissionId = server.core().newThreadId();
        Submission submission = new Submission(submissionId, new Op.RunUserShellCommand(command));
        call.onMailbox(thread, () -> {
            thread.subscribe(connection);
            boolean accepted = thread.inFlightTurnId() != null
                    // An auxiliary command of the running turn: it does not replace it.
                    ? thread.submit(connection, call.id(), submission)
                    : thread.startTurn(connection, call.id(), submission, "userShell");
            if (accepted) {
                call.respond(V2.object());
            }
        });
    }

    void review(Call call) {
        Params params = call.params();
        Connection connection = call.connection();
        params.requiredString("threadId");
        JsonNode target = params.get("target");
        if (target == null) {
            throw Params.missing("target");
        }
        if (!target.isObject()) {
            throw Params.mistyped("target", target, "a ReviewTarget object");
        }
        ReviewTarget coreTarget = ThreadOverrides.decode(Params.of(V2.object().set("target",
                V2.snake(target))), "target", ReviewTarget.class);
        LoadedThread thread = ThreadAccess.loaded(server, connection, ThreadAccess.threadId(params));
        connection.tenant().takeSubmission();
        String submissionId = server.core().newThreadId();
        Submission submission = new Submission(submissionId, new Op.Review(new ReviewRequest(coreTarget, null)));
        call.onMailbox(thread, () -> {
            thread.subscribe(connection);
            if (thread.startTurn(connection, call.id(), submission, "review")) {
                ObjectNode result = TurnMethods.turnResult(submissionId);
                result.put("reviewThreadId", thread.threadId());
                call.respond(result);
            }
        });
    }
}
