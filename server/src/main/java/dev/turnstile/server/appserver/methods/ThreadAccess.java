package dev.turnstile.server.appserver.methods;

import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.LoadedThread;
import dev.turnstile.server.appserver.threads.ThreadCatalog;
import java.util.UUID;

/**
 * Finds the thread a request names, for the caller's tenant only. Another tenant's thread is answered exactly as a
 * thread that does not exist, with the same message for every method, so a tenant cannot even learn that an id is
 * taken.
 */
final class ThreadAccess {
    private ThreadAccess() {
    }

    /** The {@code threadId} param, checked to be a UUID. */
    static String threadId(Params params) {
        String threadId = params.requiredString("threadId");
        try {
            UUID.fromString(threadId);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidRequest("invalid thread id: `" + threadId
                    + "` is not a UUID (thread ids look like 01a20fca-6c17-7851-a5b0-f3afc4efe301)");
        }
        return threadId;
    }

    static String notFound(String threadId) {
        return "thread not found: " + threadId;
    }

    /** The caller's thread, loaded or not, or the not-found error. */
    static ThreadCatalog.Entry owned(AppServer server, Connection connection, String threadId) {
        return server.catalog().owned(connection.tenantId(), threadId)
                .orElseThrow(() -> RpcException.invalidRequest(notFound(threadId)));
    }

    /** The caller's thread as loaded in this process, or the not-found error (as upstream for unloaded threads). */
    static LoadedThread loaded(AppServer server, Connection connection, String threadId) {
        owned(server, connection, threadId);
        LoadedThread thread = server.loaded(threadId);
        if (thread == null || thread.unloading()) {
            throw RpcException.invalidRequest(notFound(threadId));
        }
        return thread;
    }
}
