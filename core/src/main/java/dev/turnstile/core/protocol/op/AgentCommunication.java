package dev.turnstile.core.protocol.op;

import dev.turnstile.core.protocol.Fields;
import java.util.List;

/**
 * The {@code communication} of an {@code inter_agent_communication} op:
 * {@code {"author", "recipient", "other_recipients": [...], "content", "trigger_turn"}} (agent paths are
 * strings; {@code other_recipients} defaults to {@code []} and is always written).
 */
public record AgentCommunication(String author, String recipient, List<String> otherRecipients, String content,
        Boolean triggerTurn) {
    public AgentCommunication {
        Fields.required(author, "author");
        Fields.required(recipient, "recipient");
        otherRecipients = Fields.list(otherRecipients);
        Fields.required(content, "content");
        Fields.required(triggerTurn, "trigger_turn");
    }

    public AgentCommunication(String author, String recipient, String content, boolean triggerTurn) {
        this(author, recipient, List.of(), content, triggerTurn);
    }

    /** Whether the message should start a turn when the session is idle. */
    public boolean triggersTurn() {
        return triggerTurn;
    }
}
