package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.notify.DeprecationNotices;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.LoadedThread;
import dev.turnstile.server.appserver.threads.ThreadCatalog;
import dev.turnstile.server.appserver.threads.ThreadHistoryBuilder;
import dev.turnstile.server.appserver.threads.ThreadViews;
import java.util.List;

/**
 * Reading threads without loading them: {@code thread/read}, {@code thread/list}, {@code thread/loaded/list},
 * {@code thread/turns/list}. Only the caller's tenant's threads are ever seen.
 */
final class ThreadQueryMethods {
    private static final int DEFAULT_LIMIT = 50;

    private final AppServer server;

    ThreadQueryMethods(AppServer server) {
        this.server = server;
    }

    void read(Call call) {
        String threadId = ThreadAccess.threadId(call.params());
        ThreadCatalog.Entry entry = ThreadAccess.owned(server, call.connection(), threadId);
        boolean includeTurns = call.params().flag("includeTurns");
        if (includeTurns) {
            DeprecationNotices.fullHistoryRead(call.connection());
        }
        LoadedThread thread = server.loaded(threadId);
        if (thread != null && !thread.unloading()) {
            thread.run(() -> {
                ArrayNode turns = includeTurns ? ThreadViews.turns(thread.turns(), true) : null;
                ObjectNode result = V2.object();
                result.set("thread", ThreadViews.thread(server.catalog().find(threadId).orElse(entry),
                        thread.status(), thread.rolloutPath(), turns));
                call.respond(result);
            });
            return;
        }
        ArrayNode turns = includeTurns ? ThreadViews.turns(storedTurns(threadId), true) : null;
        ObjectNode result = V2.object();
        result.set("thread", ThreadViews.thread(entry, ThreadViews.notLoaded(), null, turns));
        call.respond(result);
    }

    private List<ThreadHistoryBuilder.RenderedTurn> storedTurns(String threadId) {
        var lines = server.core().readRollout(threadId, ThreadHistoryBuilder.LINES_READ);
        return lines == null ? List.of() : ThreadHistoryBuilder.build(lines, null);
    }

    void list(Call call) {
        Params params = call.params();
        boolean archived = params.flag("archived");
        String cwd = params.optionalString("cwd");
        int limit = (int) Math.max(1, Math.min(1000, params.optionalU32("limit") == null ? DEFAULT_LIMIT
                : params.optionalU32("limit")));
        int offset = cursor(params.optionalString("cursor"));
        List<ThreadCatalog.Entry> matching = server.catalog().list(call.connection().tenantId()).stream()
                .filter(entry -> entry.archived() == archived && !entry.ephemeral())
                .filter(entry -> cwd == null || cwd.equals(entry.cwd()))
                .toList();
        ObjectNode result = V2.object();
        ArrayNode data = result.putArray("data");
        int end = Math.min(matching.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            ThreadCatalog.Entry entry = matching.get(i);
            LoadedThread thread = server.loaded(entry.threadId());
            ObjectNode status = thread == null || thread.unloading() ? ThreadViews.notLoaded()
                    : thread.call(thread::status).join();
            data.add(ThreadViews.thread(entry, status, null, null));
        }
        result.put("nextCursor", end < matching.size() ? Integer.toString(end) : null);
        result.putNull("backwardsCursor");
        call.respond(result);
    }

    void loadedList(Call call) {
        ObjectNode result = V2.object();
        ArrayNode data = result.putArray("data");
        for (LoadedThread thread : server.loadedThreads()) {
            if (thread.usage().tenant().id().equals(call.connection().tenantId()) && !thread.unloading()) {
                data.add(thread.threadId());
            }
        }
        result.putNull("nextCursor");
        call.respond(result);
    }

    void turnsList(Call call) {
        String threadId = ThreadAccess.threadId(call.params());
        ThreadAccess.owned(server, call.connection(), threadId);
        int limit = (int) Math.max(1, Math.min(1000, call.params().optionalU32("limit") == null ? DEFAULT_LIMIT
                : call.params().optionalU32("limit")));
        int offset = cursor(call.params().optionalString("cursor"));
        LoadedThread thread = server.loaded(threadId);
        List<ThreadHistoryBuilder.RenderedTurn> turns = thread != null && !thread.unloading()
                ? thread.call(thread::turns).join() : storedTurns(threadId);
        List<ThreadHistoryBuilder.RenderedTurn> newestFirst = turns.reversed();
        ObjectNode result = V2.object();
        int end = Math.min(newestFirst.size(), offset + limit);
        result.set("data", ThreadViews.turns(newestFirst.subList(Math.min(offset, end), end), true));
        result.put("nextCursor", end < newestFirst.size() ? Integer.toString(end) : null);
        result.putNull("backwardsCursor");
        call.respond(result);
    }

    private static int cursor(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw RpcException.invalidRequest("invalid cursor `" + cursor + "`: pass back a `nextCursor` this "
                    + "server returned");
        }
    }
}
