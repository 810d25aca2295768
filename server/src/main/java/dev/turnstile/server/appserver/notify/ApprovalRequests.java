package dev.turnstile.server.appserver.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-to-client requests of spec §4.1 for a core event that waits for the user, and the core op each
 * answer becomes: {@code item/commandExecution/requestApproval} → {@code exec_approval},
 * {@code item/fileChange/requestApproval} → {@code patch_approval}, {@code item/tool/requestUserInput} →
 * {@code user_input_answer}, {@code item/permissions/requestApproval} → {@code request_permissions_response},
 * {@code item/tool/call} → {@code dynamic_tool_response}.
 */
public final class ApprovalRequests {
    private ApprovalRequests() {
    }

    /** What to ask the client, and how to turn its answer into a core op. */
    public record Ask(String method, ObjectNode params, String itemId, String turnId, Answer answer) {
    }

    /** Builds the core op from the client's result (or its error, which counts as a refusal). */
    @FunctionalInterface
    public interface Answer {
        Op toOp(JsonNode result, JsonNode error);
    }

    /** The request for a waiting event, or null when the event does not wait for the user. */
    public static Ask of(String threadId, String turnId, String cwd, EventMsg event) {
        return switch (event) {
            case EventMsg.ExecApprovalRequest exec -> {
                ObjectNode params = base(threadId, turnId, exec.callId());
                if (exec.approvalId() != null) {
                    params.put("approvalId", exec.approvalId());
                }
                params.put("reason", exec.reason());
                params.put("command", V2.shellJoin(exec.command()));
                params.put("cwd", exec.cwd());
                params.set("commandActions", V2.commandActions(exec.command()));
                if (exec.proposedExecpolicyAmendment() != null) {
                    ArrayNode amendment = params.putArray("proposedExecpolicyAmendment");
                    exec.proposedExecpolicyAmendment().forEach(amendment::add);
                }
                String approvalId = exec.effectiveApprovalId();
                yield new Ask("item/commandExecution/requestApproval", params, exec.callId(), turnId,
                        (result, error) -> new Op.ExecApproval(approvalId, turnId, decision(result, error)));
            }
            case EventMsg.ApplyPatchApprovalRequest patch -> {
                ObjectNode params = base(threadId, turnId, patch.callId());
                params.put("reason", patch.reason());
                params.put("grantRoot", patch.grantRoot());
                yield new Ask("item/fileChange/requestApproval", params, patch.callId(), turnId,
                        (result, error) -> new Op.PatchApproval(patch.callId(), decision(result, error)));
            }
            case EventMsg.RequestUserInput ask -> {
                ObjectNode params = base(threadId, turnId, ask.callId()).put("isBlocking", true);
                params.set("questions", ask.questions() == null ? V2.object().arrayNode() : ask.questions());
                yield new Ask("item/tool/requestUserInput", params, ask.callId(), turnId,
                        (result, error) -> new Op.UserInputAnswer(turnId, result != null && result.isObject()
                                ? result : V2.object().set("answers", V2.object())));
            }
            case EventMsg.RequestPermissions ask -> {
                ObjectNode params = base(threadId, turnId, ask.callId());
                params.put("reason", ask.reason());
                params.put("cwd", cwd);
                params.set("permissions", ask.permissions() == null ? V2.object() : V2.camel(ask.permissions()));
                yield new Ask("item/permissions/requestApproval", params, ask.callId(), turnId,
                        (result, error) -> new Op.RequestPermissionsResponse(ask.callId(),
                                result != null && result.isObject() ? V2.snake(result) : V2.object()));
            }
            case EventMsg.DynamicToolCallRequest call -> {
                ObjectNode params = V2.object().put("threadId", threadId).put("turnId", turnId)
                        .put("callId", call.callId()).put("tool", call.tool());
                params.set("arguments", call.arguments() == null ? V2.object() : call.arguments());
                yield new Ask("item/tool/call", params, call.callId(), turnId,
                        (result, error) -> new Op.DynamicToolResponse(call.callId(), result != null
                                && result.isObject() ? result : V2.object().put("success", false)));
            }
            default -> null;
        };
    }

    private static ObjectNode base(String threadId, String turnId, String itemId) {
        return V2.object().put("threadId", threadId).put("turnId", turnId).put("itemId", itemId)
                .put("startedAtMs", System.currentTimeMillis());
    }

    /**
     * A v2 approval decision ({@code accept}, {@code acceptForSession}, {@code decline}, {@code cancel},
     * {@code {"acceptWithExecpolicyAmendment": {"execpolicy_amendment": [...]}}}) as the core's; anything else, or an
     * error answer, declines.
     */
    public static ReviewDecision decision(JsonNode result, JsonNode error) {
        if (error != null || result == null) {
            return ReviewDecision.DENIED;
        }
        JsonNode decision = result.path("decision");
        if (decision.isTextual()) {
            return switch (decision.asText()) {
                case "accept", "approved" -> ReviewDecision.APPROVED;
                case "acceptForSession", "approved_for_session" -> ReviewDecision.APPROVED_FOR_SESSION;
                case "cancel", "abort" -> ReviewDecision.ABORT;
                default -> ReviewDecision.DENIED;
            };
        }
        JsonNode amendment = decision.path("acceptWithExecpolicyAmendment");
        if (amendment.isObject()) {
            JsonNode prefix = amendment.has("execpolicy_amendment") ? amendment.get("execpolicy_amendment")
                    : amendment.path("execpolicyAmendment");
            List<String> parts = new ArrayList<>();
            prefix.forEach(part -> parts.add(part.asText()));
            if (!parts.isEmpty()) {
                return new ReviewDecision.ApprovedExecpolicyAmendment(parts);
            }
        }
        return ReviewDecision.DENIED;
    }
}
