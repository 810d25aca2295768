package dev.turnstile.core.session.history;

import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The model-visible history of a thread (Codex's context manager): the response items in order, and the
 * reference turn context that the next turn's settings are diffed against.
 *
 * <p>Threading: owned by the thread's session; only its dispatch thread touches it.
 */
public final class History {
    private final ArrayList<ResponseItem> items = new ArrayList<>();
    private TurnContextItem referenceContext;

    /** Appends an item; system messages never enter the model-visible history. */
    public void record(ResponseItem item) {
        if (item instanceof ResponseItem.Message message && "system".equals(message.role())) {
            return;
        }
        items.add(item);
    }

    public List<ResponseItem> items() {
        return Collections.unmodifiableList(items);
    }

    public int size() {
        return items.size();
    }

    /** Replaces everything (compaction, reconstruction after a rollback). */
    public void replace(List<ResponseItem> replacement) {
        items.clear();
        items.addAll(replacement);
    }

    public TurnContextItem referenceContext() {
        return referenceContext;
    }

    public void setReferenceContext(TurnContextItem referenceContext) {
        this.referenceContext = referenceContext;
    }

    /** The text of the newest user message that is a user-turn boundary, or "" when there is none. */
    public String lastUserText() {
        for (int i = items.size() - 1; i >= 0; i--) {
            ResponseItem item = items.get(i);
            if (item instanceof ResponseItem.Message message && "user".equals(message.role())
                    && ContextualFragments.isUserTurnBoundary(item)) {
                return textOf(message);
            }
        }
        return "";
    }

    /** Number of user-turn boundaries (the turn count Codex records on shutdown). */
    public int userTurnCount() {
        int count = 0;
        for (ResponseItem item : items) {
            if (ContextualFragments.isUserTurnBoundary(item)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Drops the last {@code n} user turns (spec §2.6): cuts at the n-th boundary from the end (or at the first
     * boundary when {@code n} reaches past it, so the session prefix survives), then also drops the pre-turn
     * context updates just above the cut. A dropped developer bundle that mixed context with other instructions
     * clears the reference context, so the next turn re-injects the full context.
     */
    public void dropLastUserTurns(long n) {
        if (n <= 0) {
            return;
        }
        List<Integer> boundaries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (ContextualFragments.isUserTurnBoundary(items.get(i))) {
                boundaries.add(i);
            }
        }
        if (boundaries.isEmpty()) {
            return;
        }
        int first = boundaries.get(0);
        int cut = n >= boundaries.size() ? first : boundaries.get(boundaries.size() - (int) n);
        boolean clearReference = false;
        while (cut > first) {
            ResponseItem previous = items.get(cut - 1);
            if (ContextualFragments.hasContextualDeveloperFragment(previous)) {
                clearReference |= ContextualFragments.hasNonContextualDeveloperText(previous);
                cut--;
            } else if (ContextualFragments.isContextualUserMessage(previous)) {
                cut--;
            } else {
                break;
            }
        }
        items.subList(cut, items.size()).clear();
        if (clearReference) {
            referenceContext = null;
        }
    }

    static String textOf(ResponseItem.Message message) {
        StringBuilder text = new StringBuilder();
        for (ContentItem part : message.content()) {
            if (part instanceof ContentItem.InputText t) {
                text.append(t.text());
            } else if (part instanceof ContentItem.OutputText t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
