package dev.turnstile.core.session.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises the messages the host itself injects into the history (environment context, AGENTS.md instructions,
 * the interrupted-turn marker, ...), as opposed to what the user typed. Spec §2.5: a contextual user message is
 * never a user-turn boundary, and contextual messages above a rolled-back turn are trimmed with it.
 */
public final class ContextualFragments {
    /** Start and end markers of the registered user-role fragments. */
    private static final List<String[]> USER_MARKERS = List.of(
            new String[] {"# AGENTS.md instructions for ", "</INSTRUCTIONS>"},
            new String[] {"<environment_context>", "</environment_context>"},
            new String[] {"<skill>", "</skill>"},
            new String[] {"<user_shell_command>", "</user_shell_command>"},
            new String[] {"<turn_aborted>", "</turn_aborted>"},
            new String[] {"<subagent_notification>", "</subagent_notification>"},
            new String[] {"<goal_context>", "</goal_context>"});

    /** Prefixes of the developer-role fragments that belong to a turn's pre-turn context updates. */
    private static final List<String> DEVELOPER_PREFIXES = List.of("<permissions instructions>", "<model_switch>",
            "<collaboration_mode>", "<realtime_conversation>", "<personality_spec>");

    private static final Pattern HOOK_PROMPT = Pattern.compile(
            "(?s)^<hook_prompt\\s+hook_run_id=\"([^\"]+)\"\\s*>.*</hook_prompt>$");
    /** Rejects trailing content after the JSON value, as serde_json does. */
    private static final ObjectReader STRICT_JSON = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ContextualFragments() {
    }

    /** Wraps a body in a user-role fragment's markers, as the host writes them. */
    public static String wrap(String startMarker, String endMarker, String body) {
        return startMarker + body + endMarker;
    }

    /** A user message the host wrote (any of its text parts is a registered fragment). */
    public static boolean isContextualUserMessage(ResponseItem item) {
        if (!(item instanceof ResponseItem.Message message) || !"user".equals(message.role())) {
            return false;
        }
        for (ContentItem part : message.content()) {
            if (part instanceof ContentItem.InputText text && isUserFragment(text.text())) {
                return true;
            }
        }
        return false;
    }

    static boolean isUserFragment(String text) {
        String trimmed = text.stripLeading();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        String lowerEnd = trimmed.stripTrailing().toLowerCase(Locale.ROOT);
        for (String[] marker : USER_MARKERS) {
            if (lower.startsWith(marker[0].toLowerCase(Locale.ROOT))
                    && lowerEnd.endsWith(marker[1].toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        var hook = HOOK_PROMPT.matcher(trimmed.stripTrailing());
        return hook.matches() && !hook.group(1).isBlank();
    }

    /** A developer message holding at least one pre-turn context fragment. */
    public static boolean hasContextualDeveloperFragment(ResponseItem item) {
        return developerParts(item, true);
    }

    /** A developer message that also holds text which is not a context fragment (a mixed initial-context bundle). */
    public static boolean hasNonContextualDeveloperText(ResponseItem item) {
        return developerParts(item, false);
    }

    private static boolean developerParts(ResponseItem item, boolean contextual) {
        if (!(item instanceof ResponseItem.Message message) || !"developer".equals(message.role())) {
            return false;
        }
        for (ContentItem part : message.content()) {
            if (part instanceof ContentItem.InputText text && isDeveloperFragment(text.text()) == contextual) {
                return true;
            }
        }
        return false;
    }

    /** A part starting (after leading whitespace, ignoring ASCII case, as upstream) with a developer prefix. */
    private static boolean isDeveloperFragment(String text) {
        String trimmed = text.stripLeading();
        for (String prefix : DEVELOPER_PREFIXES) {
            if (trimmed.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A user-turn boundary (spec §2.5): a user message that is not contextual, or an assistant message whose only
     * part is the JSON of an inter-agent communication.
     */
    public static boolean isUserTurnBoundary(ResponseItem item) {
        if (!(item instanceof ResponseItem.Message message)) {
            return false;
        }
        if ("user".equals(message.role())) {
            return !isContextualUserMessage(item);
        }
        if ("assistant".equals(message.role()) && message.content().size() == 1) {
            String text = switch (message.content().get(0)) {
                case ContentItem.InputText t -> t.text();
                case ContentItem.OutputText t -> t.text();
                default -> null;
            };
            return text != null && isInterAgentCommunication(text);
        }
        return false;
    }

    /**
     * The text is exactly one JSON object shaped as an InterAgentCommunication: nothing may follow it, and
     * {@code other_recipients}, when present, is a list of strings.
     */
    static boolean isInterAgentCommunication(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return false;
        }
        try {
            JsonNode node = STRICT_JSON.readTree(trimmed);
            return node.isObject() && node.path("author").isTextual() && node.path("recipient").isTextual()
                    && node.path("content").isTextual() && node.path("trigger_turn").isBoolean()
                    && otherRecipientsAreAList(node.get("other_recipients"));
        } catch (Exception notJson) {
            return false;
        }
    }

    private static boolean otherRecipientsAreAList(JsonNode recipients) {
        if (recipients == null) {
            return true;
        }
        if (!recipients.isArray()) {
            return false;
        }
        for (JsonNode recipient : recipients) {
            if (!recipient.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
