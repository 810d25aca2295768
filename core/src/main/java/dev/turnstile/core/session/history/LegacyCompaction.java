package dev.turnstile.core.session.history;

import dev.turnstile.core.protocol.item.ResponseItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rebuilds the history of a legacy compaction that recorded no replacement history (spec §2.7 pass 2): the user
 * messages so far, newest first within a token budget and then back in order, followed by the compacted line's
 * message, verbatim, as a user message. Earlier summaries this host wrote ({@link #SUMMARY_PREFIX}) are left out.
 */
public final class LegacyCompaction {
    static final int USER_MESSAGE_TOKEN_BUDGET = 20_000;
    public static final String SUMMARY_PREFIX = "Summary of the conversation before it was compacted:\n";

    private LegacyCompaction() {
    }

    static List<ResponseItem> rebuild(List<ResponseItem> history, String summary) {
        List<String> userTexts = new ArrayList<>();
        for (ResponseItem item : history) {
            if (item instanceof ResponseItem.Message message && "user".equals(message.role())
                    && ContextualFragments.isUserTurnBoundary(item)
                    && !message.joinedText().startsWith(SUMMARY_PREFIX)) {
                userTexts.add(message.joinedText());
            }
        }
        List<ResponseItem> kept = new ArrayList<>();
        long budgetBytes = USER_MESSAGE_TOKEN_BUDGET * 4L;
        for (int i = userTexts.size() - 1; i >= 0 && budgetBytes > 0; i--) {
            String text = userTexts.get(i);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > budgetBytes) {
                text = new String(bytes, 0, (int) budgetBytes, StandardCharsets.UTF_8);
            }
            budgetBytes -= bytes.length;
            kept.add(ResponseItem.Message.user(text));
        }
        Collections.reverse(kept);
        // The compacted line's message already is the whole summary text (upstream wrote its own prefix into it),
        // so it is used verbatim, as upstream's rebuild does.
        kept.add(ResponseItem.Message.user(
                summary == null || summary.isEmpty() ? "(no summary available)" : summary));
        return kept;
    }
}
