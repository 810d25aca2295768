package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RequestId;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;

/**
 * One request being handled: who asked, its id and params. A handler answers with {@link #respond} or
 * {@link #fail}, now or later (e.g. when the core event it waits for arrives), or throws {@link RpcException}.
 */
public record Call(Connection connection, RequestId id, String method, Params params) {

    public void respond(JsonNode result) {
        connection.respond(id, result);
    }

    public void fail(RpcError error) {
        connection.sendError(id, error);
    }

    public void fail(RpcException error) {
        connection.sendError(id, error.error());
    }

    /**
     * Runs {@code step} on {@code thread}'s mailbox, where a handler's later part must run; an {@link RpcException}
     * it throws there answers this call, as one thrown by the handler itself does.
     */
    public void onMailbox(dev.turnstile.server.appserver.threads.LoadedThread thread, Runnable step) {
        thread.run(() -> {
            try {
                step.run();
            } catch (RpcException e) {
                fail(e);
            }
        });
    }
}
