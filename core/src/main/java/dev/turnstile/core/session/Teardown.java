package dev.turnstile.core.session;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.policy.TurnAbortReason;

/**
 * Ending a thread, in the spec's order (§1.2 row 26, §5.1 #19-20): abort the running turn as {@code interrupted},
 * terminate background processes, close the rollout; {@code shutdown} then answers {@code shutdown_complete} (which
 * is not persisted), a closed channel answers nothing.
 */
final class Teardown {
    private Teardown() {
    }

    static void shutdown(Session session, String submissionId) {
        release(session);
        session.deliver(submissionId, new EventMsg.ShutdownComplete());
    }

    static void channelClosed(Session session) {
        release(session);
    }

    private static void release(Session session) {
        TurnLifecycle.abort(session, TurnAbortReason.INTERRUPTED);
        session.services().effects().terminateProcesses(session.thread());
        session.rollout().flush();
        session.rollout().close();
        session.markClosed();
    }
}
