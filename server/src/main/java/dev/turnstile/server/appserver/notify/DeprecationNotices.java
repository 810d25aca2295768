package dev.turnstile.server.appserver.notify;

import dev.turnstile.server.appserver.Connection;

/**
 * The {@code deprecationNotice} Codex 0.169 sends before answering a request for a thread's whole history
 * ({@code thread/read} with {@code includeTurns}, {@code thread/resume} and {@code thread/fork} without
 * {@code excludeTurns}): clients should page with {@code thread/turns/list} instead. The wording points only at
 * methods this server has.
 */
public final class DeprecationNotices {
    private static final String READ = "Full-history hydration is deprecated for paginated threads; omit "
            + "`includeTurns` or set it to `false`, then page with `thread/turns/list`.";
    private static final String RESUME_OR_FORK = "Full-history hydration is deprecated for paginated threads; use "
            + "`excludeTurns: true`, then page with `thread/turns/list`.";

    private DeprecationNotices() {
    }

    /** Before answering {@code thread/read} with {@code includeTurns: true}. */
    public static void fullHistoryRead(Connection connection) {
        send(connection, READ);
    }

    /** Before answering {@code thread/resume} or {@code thread/fork} without {@code excludeTurns: true}. */
    public static void fullHistoryResumeOrFork(Connection connection) {
        send(connection, RESUME_OR_FORK);
    }

    private static void send(Connection connection, String summary) {
        connection.notify("deprecationNotice", V2.object().put("summary", summary).putNull("details"));
    }
}
