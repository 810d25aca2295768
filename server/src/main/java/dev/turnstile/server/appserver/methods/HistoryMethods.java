package dev.turnstile.server.appserver.methods;

import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.LoadedThread;
import dev.turnstile.server.appserver.threads.ThreadHistoryBuilder;
import java.util.List;

/**
 * Changing what a thread remembers: {@code thread/rollback {numTurns}}, Codex 0.169's
 * {@code thread/revert {beforeTurnId}} (both answered when the core reports {@code thread_rolled_back}).
 * {@code thread/fork} is with the other methods that load threads ({@code ThreadLifecycleMethods}).
 */
final class HistoryMethods {
    private final AppServer server;

    HistoryMethods(AppServer server) {
        this.server = server;
    }

    void rollback(Call call) {
        Connection connection = call.connection();
        String threadId = ThreadAccess.threadId(call.params());
        long numTurns = call.params().requiredU32("numTurns");
        if (numTurns == 0) {
            throw RpcException.invalidRequest("numTurns must be >= 1");
        }
        LoadedThread thread = ThreadAccess.loaded(server, connection, threadId);
        connection.tenant().takeSubmission();
        call.onMailbox(thread, () -> {
            thread.rollback(connection, call.id(), numTurns, false);
        });
    }

    /**
     * Drops {@code beforeTurnId} and every later turn. The core rolls back user turns (spec §2.5), so the number
     * submitted is how many of the dropped turns carry user input.
     */
    void revert(Call call) {
        Connection connection = call.connection();
        String threadId = ThreadAccess.threadId(call.params());
        String beforeTurnId = call.params().requiredString("beforeTurnId");
        LoadedThread thread = ThreadAccess.loaded(server, connection, threadId);
        connection.tenant().takeSubmission();
        call.onMailbox(thread, () -> {
            List<ThreadHistoryBuilder.RenderedTurn> turns = thread.turns();
            int index = -1;
            for (int i = 0; i < turns.size(); i++) {
                if (turns.get(i).id().equals(beforeTurnId)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                throw RpcException.invalidRequest("turn not found: " + beforeTurnId);
            }
            long userTurns = turns.subList(index, turns.size()).stream()
                    .filter(ThreadHistoryBuilder.RenderedTurn::isUserTurn).count();
            if (userTurns == 0) {
                throw RpcException.invalidRequest("turn " + beforeTurnId + " and the turns after it carry no "
                        + "user input, so there is nothing to revert");
            }
            thread.rollback(connection, call.id(), userTurns, true);
        });
    }
}
