package dev.turnstile.core.session;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.TokenUsage;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.history.History;
import dev.turnstile.core.session.history.RolloutReconstruction;
import dev.turnstile.core.session.rollout.Checkpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The live {@code thread_rollback} handler (spec §2.9): guards, then the rollout is replayed with the new marker,
 * the token usage recomputed ({@code token_count} first), the marker persisted once and delivered.
 */
final class Rollback {
    static final String ZERO_TURNS = "num_turns must be >= 1";
    static final String TURN_IN_PROGRESS = "Cannot rollback while a turn is in progress.";
    static final String NOT_PERSISTED = "thread rollback requires persisted thread history";

    private Rollback() {
    }

    static void apply(Session session, String submissionId, long numTurns) {
        if (numTurns == 0) {
            fail(session, submissionId, ZERO_TURNS);
            return;
        }
        if (session.activeTurn() != null) {
            fail(session, submissionId, TURN_IN_PROGRESS);
            return;
        }
        if (!session.rollout().persistent()) {
            fail(session, submissionId, NOT_PERSISTED);
            return;
        }
        session.rollout().flush();
        EventMsg.ThreadRolledBack marker = new EventMsg.ThreadRolledBack(numTurns, java.util.Map.of());
        Checkpoint target;
        try {
            target = session.rollout().checkpointBeforeUserTurns(numTurns);
        } catch (RuntimeException e) {
            target = null; // an unreadable checkpoint: the rebuild below reads the rollout itself
        }
        if (target != null) {
            rollBackToCheckpoint(session, submissionId, marker, target);
        } else if (!rebuildFromRollout(session, submissionId, marker)) {
            return;
        }
        session.checkpoint(null, false, false);
        session.rollout().flush();
        session.deliver(submissionId, marker);
    }

    /**
     * The bounded path: the checkpoint before the oldest rolled-back user turn says what the history was (its
     * length, tokens, newest user text) and what the settings were. An in-memory history is cut there — exactly
     * spec §2.6's cut, since between that checkpoint and the rolled-back turn's message lie only that turn's
     * pre-turn context updates; a lazy history becomes that checkpoint's. Reads one record per checkpoint passed.
     */
    private static void rollBackToCheckpoint(Session session, String submissionId, EventMsg.ThreadRolledBack marker,
                                             Checkpoint target) {
        History history = session.history();
        boolean inMemory = history.loaded() && target.historyLength() <= history.size();
        if (inMemory) {
            history.truncate(target.historyLength(), null);
            history.trimTrailingContextUpdates();
        }
        history.setReferenceContext(target.referenceContext());
        session.setPreviousTurnSettings(target.previousTurnSettings());
        recomputeTokenUsage(session, submissionId, inMemory ? history.estimatedTokens()
                : target.historyTokens() - target.trailingContextTokens());
        session.recordRolloutItem(new RolloutItem.EventMsgLine(marker));
        if (!inMemory) {
            // Bound to the journal as of the marker: loading it rebuilds exactly this history (spec §2.7).
            history.resetTo(new History.Base(target.historyLength() - target.trailingContextUpdates(),
                    target.historyTokens() - target.trailingContextTokens(), target.userTurns(),
                    target.lastUserText(), session.rollout().historyLoader()));
        }
    }

    /** The exact path (spec §2.9 step 5): the whole rollout plus the new marker, rebuilt. */
    private static boolean rebuildFromRollout(Session session, String submissionId, EventMsg.ThreadRolledBack marker) {
        List<RolloutItem> items;
        try {
            items = new ArrayList<>(session.rollout().load());
        } catch (IOException | RuntimeException e) {
            fail(session, submissionId, "failed to load thread history for rollback replay: " + e.getMessage());
            return false;
        }
        items.add(new RolloutItem.EventMsgLine(marker));
        RolloutReconstruction.Result rebuilt = RolloutReconstruction.reconstruct(items);
        session.history().replace(rebuilt.history());
        session.history().setReferenceContext(rebuilt.referenceContext());
        session.setPreviousTurnSettings(rebuilt.previousTurnSettings());
        recomputeTokenUsage(session, submissionId, session.history().estimatedTokens());
        session.recordRolloutItem(new RolloutItem.EventMsgLine(marker));
        return true;
    }

    /**
     * Spec §2.8: the last usage becomes an estimate of the history (about 4 bytes a token, kept per item as it is
     * recorded, so nothing is serialized here); the total stays cumulative.
     */
    static void recomputeTokenUsage(Session session, String submissionId, long estimate) {
        TokenUsage last = new TokenUsage(0, 0, 0, 0, Math.max(estimate, 0));
        TokenUsageInfo previous = session.tokenInfo();
        TokenUsage total = previous == null ? TokenUsage.ZERO : previous.totalTokenUsage();
        TokenUsageInfo info = new TokenUsageInfo(total, last, session.configuration().modelContextWindow());
        session.setTokenInfo(info);
        session.emit(submissionId, new EventMsg.TokenCount(info, null));
    }

    private static void fail(Session session, String submissionId, String message) {
        session.emit(submissionId, new EventMsg.Error(message, CodexErrorInfo.THREAD_ROLLBACK_FAILED));
    }
}
