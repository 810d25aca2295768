package dev.turnstile.core.session.history;

import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

/**
 * The model-visible history of a thread (Codex's context manager): the response items in order, and the
 * reference turn context the next turn's settings are diffed against.
 *
 * <p>It may be <b>lazy</b>: a resumed, forked or rolled-back thread starts from a {@link Base} — what a checkpoint
 * says the history is (its length, token estimate, user turns, newest user text) and how to load its items — so
 * resuming or rolling back a thread of any length reads a bounded number of journal records. Items recorded after
 * that are kept in memory; the base is loaded only when something needs every item (a compaction, an exact
 * rollback, a snapshot).
 *
 * <p>For each item it keeps a running token estimate and the positions of user-turn boundaries, so the size, the
 * estimate and the newest user text are O(1), and dropping turns costs what is dropped, not the thread's length.
 *
 * <p>Threading: owned by the thread's session; only its dispatch thread touches it.
 */
public final class History {

    /**
     * A history known by its summary, loaded on demand.
     *
     * @param length         how many items it has
     * @param estimatedTokens its token estimate
     * @param userTurns      how many user-turn boundaries it holds
     * @param lastUserText   the text of its newest user-turn boundary, or ""
     * @param loader         loads its items (from the journal), exactly as a rebuild gives them
     */
    public record Base(int length, long estimatedTokens, int userTurns, String lastUserText,
                       Supplier<List<ResponseItem>> loader) {
    }

    private final ArrayList<ResponseItem> items = new ArrayList<>();
    /** tokenPrefix.get(i): estimate of items[0..i); one more entry than items. */
    private final LongArrayList tokenPrefix = new LongArrayList();
    /** Indices in items of user-turn boundaries, ascending. */
    private final IntArrayList boundaries = new IntArrayList();
    private Base base;
    private String lastUserText = "";
    /** How many items at the end are context updates (contextual messages), spec §2.6 step 4's candidates. */
    private int trailingContext;
    private TurnContextItem referenceContext;

    public History() {
        tokenPrefix.addLong(0);
    }

    /** Appends an item; system messages never enter the model-visible history. */
    public void record(ResponseItem item) {
        if (item instanceof ResponseItem.Message message && "system".equals(message.role())) {
            return;
        }
        if (isContextUpdate(item)) {
            trailingContext++;
        } else {
            trailingContext = 0;
        }
        if (ContextualFragments.isUserTurnBoundary(item)) {
            boundaries.addInt(items.size());
            if (item instanceof ResponseItem.Message message && "user".equals(message.role())) {
                lastUserText = textOf(message);
            }
        }
        items.add(item);
        tokenPrefix.addLong(tokenPrefix.getLong(tokenPrefix.size() - 1) + TokenEstimate.of(item));
    }

    /** Every item, loading a lazy base first. */
    public List<ResponseItem> items() {
        materialize();
        return Collections.unmodifiableList(items);
    }

    /** Whether the items are all in memory (no base waiting to be loaded). */
    public boolean loaded() {
        return base == null;
    }

    public int size() {
        return (base == null ? 0 : base.length()) + items.size();
    }

    /**
     * How many items at the end are context updates (contextual user messages, developer context fragments):
     * the items a later rollback to this point trims as the next turn's pre-turn context (spec §2.6 step 4).
     */
    public int trailingContextUpdates() {
        return trailingContext;
    }

    /** The token estimate of the context updates at the end ({@link #trailingContextUpdates()}). */
    public long trailingContextTokens() {
        int size = items.size();
        return tokenPrefix.getLong(size) - tokenPrefix.getLong(size - Math.min(trailingContext, size));
    }

    /**
     * Drops the context updates at the end (spec §2.6 step 4: they belong to the turn being rolled back), never past
     * the first user-turn boundary.
     */
    public void trimTrailingContextUpdates() {
        int first = boundaries.isEmpty() ? (base == null ? 0 : items.size()) : boundaries.getInt(0) + 1;
        int keep = items.size();
        while (keep > first && isContextUpdate(items.get(keep - 1))) {
            keep--;
        }
        if (keep < items.size()) {
            truncate((base == null ? 0 : base.length()) + keep, null);
        }
    }

    private static boolean isContextUpdate(ResponseItem item) {
        return ContextualFragments.hasContextualDeveloperFragment(item)
                || ContextualFragments.isContextualUserMessage(item);
    }

    /** Estimated tokens of the whole history (spec §2.8's recompute, without serializing anything). */
    public long estimatedTokens() {
        return (base == null ? 0 : base.estimatedTokens()) + tokenPrefix.getLong(tokenPrefix.size() - 1);
    }

    /** Replaces everything (compaction, a rebuild). */
    public void replace(List<ResponseItem> replacement) {
        clearItems();
        base = null;
        for (ResponseItem item : replacement) {
            record(item);
        }
    }

    /** Makes the history a lazy base (resume, fork, rollback by checkpoint). */
    public void resetTo(Base lazy) {
        clearItems();
        base = lazy;
        lastUserText = lazy.lastUserText();
    }

    /**
     * Keeps the first {@code length} items. A lazy base is kept lazy when the cut falls inside it: the caller
     * gives what the shorter history's summary is ({@code cut}).
     */
    public void truncate(int length, Base cut) {
        if (base != null && length <= base.length()) {
            resetTo(cut);
            return;
        }
        int keep = length - (base == null ? 0 : base.length());
        items.subList(keep, items.size()).clear();
        while (tokenPrefix.size() > keep + 1) {
            tokenPrefix.removeAt(tokenPrefix.size() - 1);
        }
        while (!boundaries.isEmpty() && boundaries.getInt(boundaries.size() - 1) >= keep) {
            boundaries.removeAt(boundaries.size() - 1);
        }
        lastUserText = newestUserText();
        trailingContext = 0;
        for (int i = items.size() - 1; i >= 0 && isContextUpdate(items.get(i)); i--) {
            trailingContext++;
        }
    }

    /** The newest user-role boundary's text among the items in memory, else the base's. */
    private String newestUserText() {
        for (int i = boundaries.size() - 1; i >= 0; i--) {
            if (items.get(boundaries.getInt(i)) instanceof ResponseItem.Message message
                    && "user".equals(message.role())) {
                return textOf(message);
            }
        }
        return base == null ? "" : base.lastUserText();
    }

    private void clearItems() {
        trailingContext = 0;
        items.clear();
        tokenPrefix.clear();
        tokenPrefix.addLong(0);
        boundaries.clear();
        lastUserText = "";
    }

    /** Loads a lazy base into memory. */
    private void materialize() {
        if (base == null) {
            return;
        }
        List<ResponseItem> suffix = List.copyOf(items);
        List<ResponseItem> loaded = base.loader().get();
        base = null;
        clearItems();
        for (ResponseItem item : loaded) {
            record(item);
        }
        for (ResponseItem item : suffix) {
            record(item);
        }
    }

    public TurnContextItem referenceContext() {
        return referenceContext;
    }

    public void setReferenceContext(TurnContextItem referenceContext) {
        this.referenceContext = referenceContext;
    }

    /** The text of the newest user message that is a user-turn boundary, or "" when there is none. */
    public String lastUserText() {
        return lastUserText;
    }

    /** Number of user-turn boundaries (the turn count Codex records on shutdown). */
    public int userTurnCount() {
        return (base == null ? 0 : base.userTurns()) + boundaries.size();
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
        materialize();
        if (boundaries.isEmpty()) {
            return;
        }
        int first = boundaries.getInt(0);
        int cut = n >= boundaries.size() ? first : boundaries.getInt(boundaries.size() - (int) n);
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
        truncate(cut, null);
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
