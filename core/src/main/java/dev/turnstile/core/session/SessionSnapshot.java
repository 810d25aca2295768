package dev.turnstile.core.session;

import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.util.List;

/**
 * A copy of a session's state at one moment, taken on its dispatch thread, for readers elsewhere (the app-server's
 * thread/read, offline replay, tests).
 *
 * @param history        the model-visible history, when asked for (it may have to be loaded from the journal);
 *                       empty otherwise
 * @param historyLength  how many items the history holds (known without loading it)
 * @param activeTurnId   the running turn, or null when idle
 * @param activeTurnKind the running turn's kind ({@code regular}, {@code compact}, ...), or null
 */
public record SessionSnapshot(String threadId, SessionConfiguration configuration, List<ResponseItem> history,
                              int historyLength,
                              TurnContextItem referenceContext, TokenUsageInfo tokenInfo, String activeTurnId,
                              String activeTurnKind, long lastAppliedSequence, long eventCount,
                              ThreadMemoryMode memoryMode) {
    public SessionSnapshot {
        history = List.copyOf(history);
    }

    static SessionSnapshot of(Session session, boolean withHistory) {
        var turn = session.activeTurn();
        return new SessionSnapshot(session.threadId(), session.configuration(),
                withHistory ? session.history().items() : List.of(), session.history().size(),
                session.history().referenceContext(), session.tokenInfo(), turn == null ? null : turn.turnId(),
                turn == null ? null : turn.kind().wire(), session.lastAppliedSequence(), session.eventCount(),
                session.memoryMode());
    }
}
