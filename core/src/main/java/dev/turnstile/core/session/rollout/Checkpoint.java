package dev.turnstile.core.session.rollout;

import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.history.RolloutReconstruction;

/**
 * A thread's small state at a turn boundary, recorded so that resume, rollback and fork never read further back
 * than the last boundary: everything a session holds except the history's items, which it summarises (their
 * number, token estimate, user turns, newest user text) and which are loaded only when needed.
 *
 * @param trailingContextUpdates the context updates at the history's end (a rollback to here trims them, spec §2.6)
 * @param trailingContextTokens  their token estimate
 * @param turnId     the turn that just ended (null for a checkpoint not at a turn's end: resume, fork, rollback)
 * @param userTurn   whether that turn counted as a user turn (spec §2.5: rollback counts only those)
 * @param compaction whether that turn replaced the history (a compact turn): a rollback across it must rebuild
 */
public record Checkpoint(
        SessionConfiguration configuration,
        TokenUsageInfo tokenInfo,
        TurnContextItem referenceContext,
        RolloutReconstruction.PreviousTurnSettings previousTurnSettings,
        ThreadMemoryMode memoryMode,
        int historyLength,
        long historyTokens,
        int userTurns,
        String lastUserText,
        int trailingContextUpdates,
        long trailingContextTokens,
        long samplingCount,
        String turnId,
        boolean userTurn,
        boolean compaction) {
}
