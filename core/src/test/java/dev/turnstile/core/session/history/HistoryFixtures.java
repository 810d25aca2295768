package dev.turnstile.core.session.history;

import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.ModeKind;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.rollout.CompactedItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small builders for history items and rollout lines, shared by the history tests. */
final class HistoryFixtures {
    private HistoryFixtures() {
    }

    // ---- response items ----------------------------------------------------------------------------

    static ResponseItem.Message user(String text) {
        return ResponseItem.Message.user(text);
    }

    static ResponseItem.Message assistant(String text) {
        return ResponseItem.Message.assistant(text, null);
    }

    static ResponseItem.Message developer(String text) {
        return ResponseItem.Message.developer(text);
    }

    /** A developer message with one {@code input_text} part per fragment (an initial-context bundle). */
    static ResponseItem.Message developerBundle(String... fragments) {
        List<ContentItem> parts = new ArrayList<>();
        for (String fragment : fragments) {
            parts.add(new ContentItem.InputText(fragment));
        }
        return new ResponseItem.Message(null, "developer", parts, null);
    }

    /** A user message with one {@code input_text} part per text. */
    static ResponseItem.Message userParts(String... texts) {
        return new ResponseItem.Message(null, "user",
                Arrays.stream(texts).<ContentItem>map(ContentItem.InputText::new).toList(), null);
    }

    /** The JSON an inter-agent communication from /root to /root/worker is written as. */
    static String interAgentJson(String content) {
        return "{\"author\":\"/root\",\"recipient\":\"/root/worker\",\"other_recipients\":[],\"content\":\""
                + content + "\",\"trigger_turn\":true}";
    }

    /** An assistant message carrying an inter-agent instruction (a user-turn boundary, spec §2.5). */
    static ResponseItem.Message interAgentAssistant(String content) {
        return assistant(interAgentJson(content));
    }

    // ---- turn contexts -----------------------------------------------------------------------------

    static TurnContextItem context(String turnId, String model, Boolean realtimeActive) {
        return new TurnContextItem(turnId, null, "/repo", null, null, AskForApproval.ON_REQUEST, null,
                SandboxPolicy.workspaceWrite(), null, null, null, model, null, null, realtimeActive, null,
                ReasoningSummary.AUTO, null, null, null, null, Map.of());
    }

    static TurnContextItem context(String turnId, String model) {
        return context(turnId, model, false);
    }

    // ---- rollout lines -----------------------------------------------------------------------------

    static RolloutItem line(ResponseItem item) {
        return new RolloutItem.ResponseItemLine(item);
    }

    static RolloutItem line(TurnContextItem item) {
        return new RolloutItem.TurnContextLine(item);
    }

    static RolloutItem line(EventMsg event) {
        return new RolloutItem.EventMsgLine(event);
    }

    static RolloutItem started(String turnId) {
        return line(new EventMsg.TurnStarted(turnId, null, 128_000L, ModeKind.DEFAULT));
    }

    static RolloutItem complete(String turnId) {
        return line(new EventMsg.TurnComplete(turnId, null, null, null, null));
    }

    static RolloutItem userEvent(String text) {
        return line(EventMsg.UserMessage.text(text));
    }

    static RolloutItem rolledBack(long numTurns) {
        return line(new EventMsg.ThreadRolledBack(numTurns, Map.of()));
    }

    static RolloutItem compacted(String message, List<ResponseItem> replacementHistory) {
        return new RolloutItem.CompactedLine(new CompactedItem(message, replacementHistory));
    }

    /**
     * A completed user turn as the recorder writes it: {@code task_started}, {@code user_message}, the turn
     * context, the response items, {@code task_complete}.
     */
    static List<RolloutItem> userTurn(TurnContextItem context, String userText, ResponseItem... items) {
        List<RolloutItem> lines = new ArrayList<>();
        lines.add(started(context.turnId()));
        lines.add(userEvent(userText));
        lines.add(line(context));
        for (ResponseItem item : items) {
            lines.add(line(item));
        }
        lines.add(complete(context.turnId()));
        return lines;
    }

    /** Concatenates groups of rollout lines. */
    @SafeVarargs
    static List<RolloutItem> rollout(List<RolloutItem>... groups) {
        List<RolloutItem> all = new ArrayList<>();
        for (List<RolloutItem> group : groups) {
            all.addAll(group);
        }
        return all;
    }

    static History historyOf(ResponseItem... items) {
        History history = new History();
        for (ResponseItem item : items) {
            history.record(item);
        }
        return history;
    }
}
