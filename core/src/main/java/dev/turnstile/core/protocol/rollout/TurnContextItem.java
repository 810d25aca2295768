package dev.turnstile.core.protocol.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.UnknownFields;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CollaborationMode;
import dev.turnstile.core.protocol.policy.Personality;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.util.Map;

/**
 * The payload of a {@code turn_context} line, persisted once per real user turn. Permission and network
 * details are kept as JSON; optional members are omitted when null; {@code summary} is always written
 * (upstream writes it for older readers). Members 0.169 adds ({@code root_turn_id},
 * {@code disabled_plugin_ids}, ...) are kept in {@code unknownFields}.
 */
public record TurnContextItem(String turnId, String traceId, String cwd, String currentDate, String timezone,
        AskForApproval approvalPolicy, ApprovalsReviewer approvalsReviewer, SandboxPolicy sandboxPolicy,
        JsonNode permissionProfile, JsonNode network, JsonNode fileSystemSandboxPolicy, String model,
        Personality personality, CollaborationMode collaborationMode, Boolean realtimeActive,
        ReasoningEffort effort, ReasoningSummary summary, String userInstructions, String developerInstructions,
        JsonNode finalOutputJsonSchema, JsonNode truncationPolicy,
        @UnknownFields Map<String, JsonNode> unknownFields) {
    public TurnContextItem {
        Fields.required(cwd, "cwd");
        Fields.required(approvalPolicy, "approval_policy");
        Fields.required(sandboxPolicy, "sandbox_policy");
        Fields.required(model, "model");
        summary = summary == null ? ReasoningSummary.AUTO : summary;
        unknownFields = Fields.unknown(unknownFields);
    }
}
