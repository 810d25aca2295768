package dev.turnstile.server.appserver.threads;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.rollout.RolloutFilter;
import dev.turnstile.core.session.rollout.SelectedRollout;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a thread's v2 turn list from its rollout, as Codex's app-server reducer does (spec §2.10): turns are
 * delimited by {@code task_started}/{@code task_complete}/{@code turn_aborted} (explicit ids) or, without them, by
 * user messages (implicit ids {@code rollout-<index>}); items get ids {@code item-1}, {@code item-2}, ...;
 * {@code thread_rolled_back{n}} drops the last n turns of the rendered list (all turns, not only user turns); an
 * error marks the open turn failed unless it is a rollback failure; empty implicit turns are dropped.
 *
 * <p>The result is lossy by design (deltas, approvals and begin events are not persisted).
 */
public final class ThreadHistoryBuilder {
    private final List<RenderedTurn> turns = new ArrayList<>();
    private RenderedTurn current;
    private int itemCounter;
    private int index;

    private ThreadHistoryBuilder() {
    }

    /**
     * The rollout lines the builder reads: the events {@link #apply} handles. A store skips decoding every other
     * line (most of a rollout: response items, turn contexts, token counts); a test holds this list to
     * {@code apply}'s.
     */
    public static final RolloutFilter LINES_READ = RolloutFilter.events(EventMsg.TurnStarted.class,
            EventMsg.TurnComplete.class, EventMsg.TurnAborted.class, EventMsg.UserMessage.class,
            EventMsg.AgentMessage.class, EventMsg.AgentReasoning.class, EventMsg.ItemCompleted.class,
            EventMsg.ContextCompacted.class, EventMsg.EnteredReviewMode.class, EventMsg.ExitedReviewMode.class,
            EventMsg.Error.class, EventMsg.ThreadRolledBack.class);

    /**
     * @param items        the thread's rollout
     * @param activeTurnId the turn running now (left in progress), or null when the thread is idle or not loaded:
     *                     an unfinished explicit turn is then shown as interrupted
     */
    public static List<RenderedTurn> build(List<RolloutItem> items, String activeTurnId) {
        ThreadHistoryBuilder builder = new ThreadHistoryBuilder();
        for (RolloutItem item : items) {
            builder.index++;
            builder.read(item);
        }
        return builder.finish(activeTurnId);
    }

    /**
     * Builds from the lines {@link #LINES_READ} chose (or any superset), numbered by their positions in the whole
     * rollout so implicit turn ids match {@link #build(List, String)}'s.
     */
    public static List<RenderedTurn> build(SelectedRollout selected, String activeTurnId) {
        ThreadHistoryBuilder builder = new ThreadHistoryBuilder();
        List<RolloutItem> items = selected.items();
        for (int i = 0; i < items.size(); i++) {
            builder.index = (int) selected.positions()[i] + 1;
            builder.read(items.get(i));
        }
        return builder.finish(activeTurnId);
    }

    private void read(RolloutItem item) {
        if (item instanceof RolloutItem.EventMsgLine line) {
            apply(line.payload());
        }
    }

    private List<RenderedTurn> finish(String activeTurnId) {
        finishCurrent();
        for (RenderedTurn turn : turns) {
            if (turn.status.equals("inProgress") && !turn.id.equals(activeTurnId)) {
                turn.status = "interrupted";
            }
        }
        return turns;
    }

    private void apply(EventMsg event) {
        switch (event) {
            case EventMsg.TurnStarted started -> {
                finishCurrent();
                current = new RenderedTurn(started.turnId(), true);
                current.startedAt = started.startedAt();
            }
            case EventMsg.TurnComplete complete -> {
                if (current != null) {
                    current.status = current.error != null ? "failed" : "completed";
                    current.completedAt = complete.completedAt();
                    current.durationMs = complete.durationMs();
                    closeCurrent();
                }
            }
            case EventMsg.TurnAborted aborted -> {
                if (current != null) {
                    current.status = "interrupted";
                    current.completedAt = aborted.completedAt();
                    current.durationMs = aborted.durationMs();
                    closeCurrent();
                }
            }
            case EventMsg.UserMessage user -> {
                if (current == null || !current.explicit && current.hasUserMessage()) {
                    finishCurrent();
                    current = new RenderedTurn("rollout-" + index, false);
                }
                current.items.add(userMessage(user));
            }
            case EventMsg.AgentMessage agent -> add(agentMessage(agent));
            case EventMsg.AgentReasoning reasoning -> add(reasoning(reasoning.text()));
            case EventMsg.ItemCompleted completed when completed.item() instanceof TurnItem.Plan plan ->
                    add(V2.object().put("type", "plan").put("id", nextItemId()).put("text", plan.text()));
            case EventMsg.ContextCompacted compacted ->
                    add(V2.object().put("type", "contextCompaction").put("id", nextItemId()));
            case EventMsg.EnteredReviewMode entered -> add(V2.object().put("type", "enteredReviewMode")
                    .put("id", nextItemId()).put("review", reviewLabel(entered)));
            case EventMsg.ExitedReviewMode exited -> add(V2.object().put("type", "exitedReviewMode")
                    .put("id", nextItemId()).put("review", reviewText(exited)));
            case EventMsg.Error error -> {
                if (current != null && error.affectsTurnStatus()) {
                    current.error = V2.turnError(error.message(), error.codexErrorInfo(), null);
                }
            }
            case EventMsg.ThreadRolledBack rolledBack -> {
                finishCurrent();
                long drop = Math.min(rolledBack.numTurns(), turns.size());
                for (long i = 0; i < drop; i++) {
                    turns.removeLast();
                }
            }
            default -> {
            }
        }
    }

    private void add(ObjectNode item) {
        if (current == null) {
            current = new RenderedTurn("rollout-" + index, false);
        }
        current.items.add(item);
    }

    private void closeCurrent() {
        turns.add(current);
        current = null;
    }

    /** Ends the open turn without a completion event: an implicit turn is complete, an empty implicit one dropped. */
    private void finishCurrent() {
        if (current == null) {
            return;
        }
        if (!current.explicit) {
            if (current.items.isEmpty()) {
                current = null;
                return;
            }
            current.status = current.error != null ? "failed" : "completed";
        }
        closeCurrent();
    }

    private String nextItemId() {
        return "item-" + (++itemCounter);
    }

    private ObjectNode userMessage(EventMsg.UserMessage user) {
        ObjectNode item = V2.object().put("type", "userMessage").put("id", nextItemId());
        ArrayNode content = item.putArray("content");
        content.addObject().put("type", "text").put("text", user.message())
                .set("text_elements", V2.textElements(user.textElements()));
        if (user.images() != null) {
            user.images().forEach(url -> content.addObject().put("type", "image").put("url", url));
        }
        user.localImages().forEach(path -> content.addObject().put("type", "localImage").put("path", path));
        return item;
    }

    private ObjectNode agentMessage(EventMsg.AgentMessage agent) {
        ObjectNode item = V2.object().put("type", "agentMessage").put("id", nextItemId()).put("text", agent.message());
        item.set("phase", agent.phase() == null ? MessageCodec.NODES.nullNode()
                : dev.turnstile.core.protocol.codec.ProtocolCodec.shared().toTree(agent.phase()));
        item.putNull("memoryCitation");
        return item;
    }

    private ObjectNode reasoning(String text) {
        ObjectNode item = V2.object().put("type", "reasoning").put("id", nextItemId());
        item.putArray("summary").add(text);
        item.putArray("content");
        return item;
    }

    static String reviewLabel(EventMsg.EnteredReviewMode entered) {
        return entered.userFacingHint() != null ? entered.userFacingHint() : entered.target().toString();
    }

    static String reviewText(EventMsg.ExitedReviewMode exited) {
        if (exited.reviewOutput() == null) {
            return "";
        }
        return exited.reviewOutput().path("overall_explanation").asText("");
    }

    /** One turn of the rendered list. */
    public static final class RenderedTurn {
        final String id;
        final boolean explicit;
        final List<ObjectNode> items = new ArrayList<>();
        String status = "inProgress";
        ObjectNode error;
        Long startedAt;
        Long completedAt;
        Long durationMs;

        RenderedTurn(String id, boolean explicit) {
            this.id = id;
            this.explicit = explicit;
        }

        public String id() {
            return id;
        }

        public String status() {
            return status;
        }

        public List<ObjectNode> items() {
            return items;
        }

        boolean hasUserMessage() {
            return items.stream().anyMatch(item -> "userMessage".equals(item.path("type").asText()));
        }

        /** The text of the first user message, or null. */
        public String firstUserText() {
            for (ObjectNode item : items) {
                if ("userMessage".equals(item.path("type").asText())) {
                    return item.path("content").path(0).path("text").asText("");
                }
            }
            return null;
        }

        /** Whether the core counts this turn as a user turn (spec §2.5): it has user input. */
        public boolean isUserTurn() {
            return hasUserMessage();
        }

        /** v2 {@code Turn}; {@code withItems} false gives the {@code notLoaded} view. */
        public ObjectNode toJson(boolean withItems) {
            ObjectNode out = V2.object().put("id", id);
            ArrayNode array = out.putArray("items");
            if (withItems) {
                items.forEach(item -> array.add(item.deepCopy()));
            }
            out.put("itemsView", withItems ? "full" : "notLoaded");
            out.put("status", status);
            out.set("error", error == null ? MessageCodec.NODES.nullNode() : error);
            putNullable(out, "startedAt", startedAt);
            putNullable(out, "completedAt", completedAt);
            putNullable(out, "durationMs", durationMs);
            return out;
        }
    }

    static void putNullable(ObjectNode out, String field, Long value) {
        if (value == null) {
            out.putNull(field);
        } else {
            out.put(field, value);
        }
    }
}
