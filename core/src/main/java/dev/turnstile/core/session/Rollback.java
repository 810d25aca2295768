package dev.turnstile.core.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.TokenUsage;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.history.RolloutReconstruction;
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
        List<RolloutItem> items;
        try {
            session.rollout().flush();
            items = new ArrayList<>(session.rollout().load());
        } catch (IOException | RuntimeException e) {
            fail(session, submissionId, "failed to load thread history for rollback replay: " + e.getMessage());
            return;
        }
        EventMsg.ThreadRolledBack marker = new EventMsg.ThreadRolledBack(numTurns, java.util.Map.of());
        items.add(new RolloutItem.EventMsgLine(marker));
        RolloutReconstruction.Result rebuilt = RolloutReconstruction.reconstruct(items);
        session.history().replace(rebuilt.history());
        session.history().setReferenceContext(rebuilt.referenceContext());

        recomputeTokenUsage(session, submissionId);
        session.recordRolloutItem(new RolloutItem.EventMsgLine(marker));
        session.rollout().flush();
        session.deliver(submissionId, marker);
    }

    /**
     * Spec §2.8: the last usage becomes an estimate of the rebuilt history (4 bytes a token of its JSON); the total
     * stays cumulative.
     */
    static void recomputeTokenUsage(Session session, String submissionId) {
        long estimate = 0;
        for (ResponseItem item : session.history().items()) {
            try {
                estimate += (ProtocolCodec.shared().mapper().writeValueAsBytes(item).length + 3) / 4;
            } catch (JsonProcessingException e) {
                // An item that cannot be encoded adds nothing to the estimate.
            }
        }
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
