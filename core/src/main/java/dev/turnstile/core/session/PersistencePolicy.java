package dev.turnstile.core.session;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.TurnItem;
import java.util.Set;

/**
 * Which events a thread's rollout keeps (spec §2.3, the "limited" mode the app-server uses). Session meta, turn
 * contexts, compactions and response items are always kept; of the events, only those that rebuild the history
 * and the turn list. Deltas, approvals, begin events, warnings and session_configured are never kept.
 */
public final class PersistencePolicy {
    private static final Set<String> PERSISTED_EVENTS = Set.of("user_message", "agent_message", "agent_reasoning",
            "agent_reasoning_raw_content", "patch_apply_end", "token_count", "thread_goal_updated",
            "context_compacted", "entered_review_mode", "exited_review_mode", "mcp_tool_call_end",
            "thread_rolled_back", "turn_aborted", "task_started", "task_complete", "web_search_end",
            "image_generation_end");

    private PersistencePolicy() {
    }

    public static boolean persists(EventMsg event) {
        if (event instanceof EventMsg.ItemCompleted completed) {
            return completed.item() instanceof TurnItem.Plan;
        }
        return PERSISTED_EVENTS.contains(event.type());
    }
}
