package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.Tagged;
import dev.turnstile.core.protocol.UnknownFields;
import dev.turnstile.core.protocol.WireDuration;
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;
import dev.turnstile.core.protocol.item.MessagePhase;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TextElement;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.policy.ModeKind;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.protocol.policy.ReviewRequest;
import dev.turnstile.core.protocol.policy.ReviewTarget;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The payload of an {@code Event} (spec §1.6): internally tagged by {@code type} in snake_case.
 *
 * <p>Omitted-versus-null follows upstream's serde attributes exactly: optional members are omitted when
 * null unless marked {@code @JsonInclude(ALWAYS)} below. The records of the persisted set (spec §2.3) keep
 * unmodelled members in {@code unknownFields}; any event type not modelled here (e.g. 0.169's
 * {@code thread_settings_applied}) decodes to {@link Unknown} and is written back unchanged.
 * {@link TurnStarted} and {@link TurnComplete} are written {@code task_started}/{@code task_complete} and
 * also read from {@code turn_started}/{@code turn_complete}.
 */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface EventMsg permits EventMsg.Error, EventMsg.Warning, EventMsg.TurnStarted,
        EventMsg.TurnComplete, EventMsg.TurnAborted, EventMsg.ThreadRolledBack, EventMsg.TokenCount,
        EventMsg.AgentMessage, EventMsg.UserMessage, EventMsg.AgentReasoning, EventMsg.AgentReasoningRawContent,
        EventMsg.AgentMessageContentDelta, EventMsg.SessionConfigured, EventMsg.ItemStarted,
        EventMsg.ItemCompleted, EventMsg.RawResponseItem, EventMsg.ExecCommandBegin,
        EventMsg.ExecCommandOutputDelta, EventMsg.ExecCommandEnd, EventMsg.ExecApprovalRequest,
        EventMsg.ApplyPatchApprovalRequest, EventMsg.PatchApplyBegin, EventMsg.PatchApplyEnd,
        EventMsg.RequestUserInput, EventMsg.RequestPermissions, EventMsg.DynamicToolCallRequest,
        EventMsg.DynamicToolCallResponse, EventMsg.ElicitationRequest, EventMsg.ShutdownComplete,
        EventMsg.ContextCompacted, EventMsg.EnteredReviewMode, EventMsg.ExitedReviewMode,
        EventMsg.RealtimeConversationListVoicesResponse, EventMsg.PlanUpdate, EventMsg.StreamError,
        EventMsg.TurnDiff, EventMsg.Unknown {

    /** The wire {@code type}. */
    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    // ---- errors and warnings -------------------------------------------------------------------

    /** {@code {"message", "codex_error_info": <CodexErrorInfo>|null}}; the info is always written. */
    @WireName("error")
    record Error(String message, @JsonInclude(Include.ALWAYS) CodexErrorInfo codexErrorInfo,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public Error {
            Fields.required(message, "message");
            unknownFields = Fields.unknown(unknownFields);
        }

        public Error(String message, CodexErrorInfo codexErrorInfo) {
            this(message, codexErrorInfo, Map.of());
        }

        /** Whether this error marks the current turn as failed when history is replayed. */
        public boolean affectsTurnStatus() {
            return codexErrorInfo == null || codexErrorInfo.affectsTurnStatus();
        }
    }

    @WireName("warning")
    record Warning(String message) implements EventMsg {
        public Warning {
            Fields.required(message, "message");
        }
    }

    /** A model stream hiccup being retried; both optional members are always written. */
    @WireName("stream_error")
    record StreamError(String message, @JsonInclude(Include.ALWAYS) CodexErrorInfo codexErrorInfo,
            @JsonInclude(Include.ALWAYS) String additionalDetails) implements EventMsg {
        public StreamError {
            Fields.required(message, "message");
        }
    }

    // ---- turn lifecycle --------------------------------------------------------------------------

    /**
     * A turn started. {@code started_at} (unix seconds) and {@code trace_id} are omitted when null;
     * {@code model_context_window} is always written; {@code collaboration_mode_kind} defaults to
     * {@code default}.
     */
    @WireName(value = "task_started", aliases = "turn_started")
    record TurnStarted(String turnId, String traceId, Long startedAt,
            @JsonInclude(Include.ALWAYS) Long modelContextWindow, ModeKind collaborationModeKind,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public TurnStarted {
            Fields.required(turnId, "turn_id");
            collaborationModeKind = collaborationModeKind == null ? ModeKind.DEFAULT : collaborationModeKind;
            unknownFields = Fields.unknown(unknownFields);
        }

        public TurnStarted(String turnId, Long startedAt, Long modelContextWindow, ModeKind collaborationModeKind) {
            this(turnId, null, startedAt, modelContextWindow, collaborationModeKind, Map.of());
        }
    }

    /**
     * A turn finished. {@code last_agent_message} is always written; {@code completed_at},
     * {@code duration_ms} and {@code time_to_first_token_ms} are omitted when null.
     */
    @WireName(value = "task_complete", aliases = "turn_complete")
    record TurnComplete(String turnId, @JsonInclude(Include.ALWAYS) String lastAgentMessage, Long completedAt,
            Long durationMs, Long timeToFirstTokenMs, @UnknownFields Map<String, JsonNode> unknownFields)
            implements EventMsg {
        public TurnComplete {
            Fields.required(turnId, "turn_id");
            unknownFields = Fields.unknown(unknownFields);
        }

        public TurnComplete(String turnId, String lastAgentMessage, Long completedAt, Long durationMs,
                Long timeToFirstTokenMs) {
            this(turnId, lastAgentMessage, completedAt, durationMs, timeToFirstTokenMs, Map.of());
        }
    }

    /** A turn was aborted; {@code turn_id} is always written, the timing members omitted when null. */
    @WireName("turn_aborted")
    record TurnAborted(@JsonInclude(Include.ALWAYS) String turnId, TurnAbortReason reason, Long completedAt,
            Long durationMs, @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public TurnAborted {
            Fields.required(reason, "reason");
            unknownFields = Fields.unknown(unknownFields);
        }

        public TurnAborted(String turnId, TurnAbortReason reason, Long completedAt, Long durationMs) {
            this(turnId, reason, completedAt, durationMs, Map.of());
        }
    }

    /** The last {@code num_turns} user turns were dropped from the history. */
    @WireName("thread_rolled_back")
    record ThreadRolledBack(long numTurns, @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public ThreadRolledBack {
            Fields.nonNegative(numTurns, "num_turns");
            unknownFields = Fields.unknown(unknownFields);
        }

        public ThreadRolledBack(long numTurns) {
            this(numTurns, Map.of());
        }
    }

    /** Usage update; both members are always written ({@code rate_limits} is kept as JSON). */
    @WireName("token_count")
    record TokenCount(@JsonInclude(Include.ALWAYS) TokenUsageInfo info, @JsonInclude(Include.ALWAYS) JsonNode rateLimits,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public TokenCount {
            rateLimits = Fields.nullIfJsonNull(rateLimits);
            unknownFields = Fields.unknown(unknownFields);
        }

        public TokenCount(TokenUsageInfo info, JsonNode rateLimits) {
            this(info, rateLimits, Map.of());
        }
    }

    /** The unified diff of the turn so far. */
    @WireName("turn_diff")
    record TurnDiff(String unifiedDiff) implements EventMsg {
        public TurnDiff {
            Fields.required(unifiedDiff, "unified_diff");
        }
    }

    /** The plan tool's latest plan; {@code explanation} omitted when null. */
    @WireName("plan_update")
    record PlanUpdate(String explanation, List<PlanStep> plan) implements EventMsg {
        public PlanUpdate {
            plan = Fields.list(plan);
        }
    }

    // ---- messages --------------------------------------------------------------------------------

    /** Agent text; {@code phase} and {@code memory_citation} are always written (null when absent). */
    @WireName("agent_message")
    record AgentMessage(String message, @JsonInclude(Include.ALWAYS) MessagePhase phase,
            @JsonInclude(Include.ALWAYS) JsonNode memoryCitation, @UnknownFields Map<String, JsonNode> unknownFields)
            implements EventMsg {
        public AgentMessage {
            Fields.required(message, "message");
            memoryCitation = Fields.nullIfJsonNull(memoryCitation);
            unknownFields = Fields.unknown(unknownFields);
        }

        public AgentMessage(String message, MessagePhase phase) {
            this(message, phase, null, Map.of());
        }
    }

    /**
     * The user's input as the legacy event carries it: {@code images} is omitted when null (live turns write
     * {@code []}); {@code local_images} and {@code text_elements} default to {@code []} and are always written.
     */
    @WireName("user_message")
    record UserMessage(String message, List<String> images, List<String> localImages, List<TextElement> textElements,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public UserMessage {
            Fields.required(message, "message");
            images = Fields.listOrNull(images);
            localImages = Fields.list(localImages);
            textElements = Fields.list(textElements);
            unknownFields = Fields.unknown(unknownFields);
        }

        public UserMessage(String message, List<String> images, List<String> localImages,
                List<TextElement> textElements) {
            this(message, images, localImages, textElements, Map.of());
        }

        /** What a live turn writes for plain text input: {@code images: []}, no local images, no elements. */
        public static UserMessage text(String message) {
            return new UserMessage(message, List.of(), List.of(), List.of());
        }
    }

    @WireName("agent_reasoning")
    record AgentReasoning(String text, @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public AgentReasoning {
            Fields.required(text, "text");
            unknownFields = Fields.unknown(unknownFields);
        }

        public AgentReasoning(String text) {
            this(text, Map.of());
        }
    }

    @WireName("agent_reasoning_raw_content")
    record AgentReasoningRawContent(String text, @UnknownFields Map<String, JsonNode> unknownFields)
            implements EventMsg {
        public AgentReasoningRawContent {
            Fields.required(text, "text");
            unknownFields = Fields.unknown(unknownFields);
        }

        public AgentReasoningRawContent(String text) {
            this(text, Map.of());
        }
    }

    @WireName("agent_message_content_delta")
    record AgentMessageContentDelta(String threadId, String turnId, String itemId, String delta) implements EventMsg {
        public AgentMessageContentDelta {
            Fields.required(delta, "delta");
        }
    }

    // ---- session ---------------------------------------------------------------------------------

    /**
     * The first event of a session (id {@code ""}). {@code approvals_reviewer} defaults to {@code user} and
     * is always written; {@code permission_profile} and {@code network_proxy} are kept as JSON; all other
     * optional members are omitted when null.
     */
    @WireName("session_configured")
    record SessionConfigured(String sessionId, String threadId, String forkedFromId, String threadSource,
            String threadName, String model, String modelProviderId, String serviceTier,
            AskForApproval approvalPolicy, ApprovalsReviewer approvalsReviewer, JsonNode permissionProfile,
            ActivePermissionProfile activePermissionProfile, String cwd, ReasoningEffort reasoningEffort,
            List<EventMsg> initialMessages, JsonNode networkProxy, String rolloutPath) implements EventMsg {
        public SessionConfigured {
            Fields.required(sessionId, "session_id");
            Fields.required(model, "model");
            Fields.required(modelProviderId, "model_provider_id");
            Fields.required(approvalPolicy, "approval_policy");
            Fields.required(cwd, "cwd");
            threadId = threadId == null ? sessionId : threadId;
            approvalsReviewer = approvalsReviewer == null ? ApprovalsReviewer.USER : approvalsReviewer;
            initialMessages = Fields.listOrNull(initialMessages);
        }
    }

    // ---- items -----------------------------------------------------------------------------------

    @WireName("item_started")
    record ItemStarted(String threadId, String turnId, TurnItem item, long startedAtMs) implements EventMsg {
        public ItemStarted {
            Fields.required(item, "item");
        }
    }

    /** An item completed; {@code completed_at_ms} defaults to 0 for old files and is always written. */
    @WireName("item_completed")
    record ItemCompleted(String threadId, String turnId, TurnItem item, long completedAtMs,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public ItemCompleted {
            Fields.required(item, "item");
            unknownFields = Fields.unknown(unknownFields);
        }

        public ItemCompleted(String threadId, String turnId, TurnItem item, long completedAtMs) {
            this(threadId, turnId, item, completedAtMs, Map.of());
        }
    }

    @WireName("raw_response_item")
    record RawResponseItem(ResponseItem item) implements EventMsg {
        public RawResponseItem {
            Fields.required(item, "item");
        }
    }

    // ---- commands and patches --------------------------------------------------------------------

    /** A command is about to run; {@code parsed_cmd} entries are kept as JSON. */
    @WireName("exec_command_begin")
    record ExecCommandBegin(String callId, String processId, String turnId, long startedAtMs, List<String> command,
            String cwd, List<JsonNode> parsedCmd, ExecCommandSource source, String interactionInput)
            implements EventMsg {
        public ExecCommandBegin {
            Fields.required(callId, "call_id");
            command = Fields.list(command);
            parsedCmd = Fields.list(parsedCmd);
            source = source == null ? ExecCommandSource.AGENT : source;
        }
    }

    /** A chunk of command output; {@code chunk} is base64 on the wire. */
    @WireName("exec_command_output_delta")
    record ExecCommandOutputDelta(String callId, ExecOutputStream stream, byte[] chunk) implements EventMsg {
        public ExecCommandOutputDelta {
            Fields.required(callId, "call_id");
            Fields.required(stream, "stream");
            chunk = chunk == null ? new byte[0] : chunk.clone();
        }

        @Override
        public byte[] chunk() {
            return chunk.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExecCommandOutputDelta that && callId.equals(that.callId)
                    && stream == that.stream && Arrays.equals(chunk, that.chunk);
        }

        @Override
        public int hashCode() {
            return (callId.hashCode() * 31 + stream.hashCode()) * 31 + Arrays.hashCode(chunk);
        }

        @Override
        public String toString() {
            return "ExecCommandOutputDelta[callId=" + callId + ", stream=" + stream + ", chunk=" + chunk.length
                    + " bytes]";
        }
    }

    /** A command finished. */
    @WireName("exec_command_end")
    record ExecCommandEnd(String callId, String processId, String turnId, long completedAtMs, List<String> command,
            String cwd, List<JsonNode> parsedCmd, ExecCommandSource source, String interactionInput, String stdout,
            String stderr, String aggregatedOutput, int exitCode, WireDuration duration, String formattedOutput,
            ExecCommandStatus status, @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public ExecCommandEnd {
            Fields.required(callId, "call_id");
            command = Fields.list(command);
            parsedCmd = Fields.list(parsedCmd);
            source = source == null ? ExecCommandSource.AGENT : source;
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
            aggregatedOutput = aggregatedOutput == null ? "" : aggregatedOutput;
            formattedOutput = formattedOutput == null ? "" : formattedOutput;
            duration = duration == null ? new WireDuration(0, 0) : duration;
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /**
     * The agent asks to run a command. Network context, network amendments and additional permissions are
     * kept as JSON; optional members are omitted when null.
     */
    @WireName("exec_approval_request")
    record ExecApprovalRequest(String callId, String approvalId, String turnId, List<String> command, String cwd,
            String reason, JsonNode networkApprovalContext, List<String> proposedExecpolicyAmendment,
            JsonNode proposedNetworkPolicyAmendments, JsonNode additionalPermissions,
            List<ReviewDecision> availableDecisions, List<JsonNode> parsedCmd) implements EventMsg {
        public ExecApprovalRequest {
            Fields.required(callId, "call_id");
            turnId = turnId == null ? "" : turnId;
            command = Fields.list(command);
            proposedExecpolicyAmendment = Fields.listOrNull(proposedExecpolicyAmendment);
            availableDecisions = Fields.listOrNull(availableDecisions);
            parsedCmd = Fields.list(parsedCmd);
        }

        /** The id a decision must carry: {@code approval_id}, else {@code call_id}. */
        public String effectiveApprovalId() {
            return approvalId != null ? approvalId : callId;
        }
    }

    /** The agent asks to apply a patch; {@code changes} is keyed by path. */
    @WireName("apply_patch_approval_request")
    record ApplyPatchApprovalRequest(String callId, String turnId, Map<String, FileChange> changes, String reason,
            String grantRoot) implements EventMsg {
        public ApplyPatchApprovalRequest {
            Fields.required(callId, "call_id");
            turnId = turnId == null ? "" : turnId;
            changes = Fields.map(changes);
        }
    }

    @WireName("patch_apply_begin")
    record PatchApplyBegin(String callId, String turnId, boolean autoApproved, Map<String, FileChange> changes)
            implements EventMsg {
        public PatchApplyBegin {
            Fields.required(callId, "call_id");
            turnId = turnId == null ? "" : turnId;
            changes = Fields.map(changes);
        }
    }

    @WireName("patch_apply_end")
    record PatchApplyEnd(String callId, String turnId, String stdout, String stderr, boolean success,
            Map<String, FileChange> changes, PatchApplyStatus status,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public PatchApplyEnd {
            Fields.required(callId, "call_id");
            turnId = turnId == null ? "" : turnId;
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
            changes = Fields.map(changes);
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    // ---- requests to the client ------------------------------------------------------------------

    /** The {@code request_user_input} tool asks questions; {@code questions} is kept as JSON. */
    @WireName("request_user_input")
    record RequestUserInput(String callId, String turnId, JsonNode questions) implements EventMsg {
        public RequestUserInput {
            Fields.required(callId, "call_id");
            turnId = turnId == null ? "" : turnId;
        }
    }

    /** The {@code request_permissions} tool asks for narrow grants; {@code suggested_scope} defaults to turn. */
    @WireName("request_permissions")
    record RequestPermissions(String callId, String turnId, String reason, JsonNode permissions,
            String suggestedScope) implements EventMsg {
        public RequestPermissions {
            Fields.required(callId, "call_id");
            turnId = turnId == null ? "" : turnId;
            suggestedScope = suggestedScope == null ? "turn" : suggestedScope;
        }
    }

    /** A client-side dynamic tool call; camelCase members, as upstream's {@code DynamicToolCallRequest}. */
    @WireName("dynamic_tool_call_request")
    record DynamicToolCallRequest(@JsonProperty("callId") String callId, @JsonProperty("turnId") String turnId,
            @JsonProperty("tool") String tool, @JsonProperty("arguments") JsonNode arguments,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public DynamicToolCallRequest {
            Fields.required(callId, "callId");
            Fields.required(tool, "tool");
            unknownFields = Fields.unknown(unknownFields);
        }

        public DynamicToolCallRequest(String callId, String turnId, String tool, JsonNode arguments) {
            this(callId, turnId, tool, arguments, Map.of());
        }
    }

    /** The result of a dynamic tool call; {@code namespace} and {@code error} are always written. */
    @WireName("dynamic_tool_call_response")
    record DynamicToolCallResponse(String callId, String turnId, long completedAtMs,
            @JsonInclude(Include.ALWAYS) String namespace, String tool, JsonNode arguments, JsonNode contentItems,
            boolean success, @JsonInclude(Include.ALWAYS) String error, WireDuration duration,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public DynamicToolCallResponse {
            Fields.required(callId, "call_id");
            duration = duration == null ? new WireDuration(0, 0) : duration;
            unknownFields = Fields.unknown(unknownFields);
        }
    }

    /** An MCP server asks the user for input; {@code id} (string or number) and {@code request} kept as JSON. */
    @WireName("elicitation_request")
    record ElicitationRequest(String turnId, String serverName, JsonNode id, JsonNode request) implements EventMsg {
        public ElicitationRequest {
            Fields.required(serverName, "server_name");
            Fields.required(id, "id");
        }
    }

    // ---- compaction, review, realtime, shutdown --------------------------------------------------

    /** The history was compacted (no members). */
    @WireName("context_compacted")
    record ContextCompacted(@UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public ContextCompacted {
            unknownFields = Fields.unknown(unknownFields);
        }

        public ContextCompacted() {
            this(Map.of());
        }
    }

    /** Review mode began; the members are those of the {@link ReviewRequest}, flattened. */
    @WireName("entered_review_mode")
    record EnteredReviewMode(ReviewTarget target, String userFacingHint,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public EnteredReviewMode {
            Fields.required(target, "target");
            unknownFields = Fields.unknown(unknownFields);
        }

        public EnteredReviewMode(ReviewRequest request) {
            this(request.target(), request.userFacingHint(), Map.of());
        }

        public ReviewRequest reviewRequest() {
            return new ReviewRequest(target, userFacingHint);
        }
    }

    /** Review mode ended; {@code review_output} is kept as JSON and always written. */
    @WireName("exited_review_mode")
    record ExitedReviewMode(@JsonInclude(Include.ALWAYS) JsonNode reviewOutput,
            @UnknownFields Map<String, JsonNode> unknownFields) implements EventMsg {
        public ExitedReviewMode {
            reviewOutput = Fields.nullIfJsonNull(reviewOutput);
            unknownFields = Fields.unknown(unknownFields);
        }

        public ExitedReviewMode(JsonNode reviewOutput) {
            this(reviewOutput, Map.of());
        }
    }

    @WireName("realtime_conversation_list_voices_response")
    record RealtimeConversationListVoicesResponse(RealtimeVoicesList voices) implements EventMsg {
        public RealtimeConversationListVoicesResponse {
            Fields.required(voices, "voices");
        }
    }

    /** The session is shutting down: {@code {"type":"shutdown_complete"}}. */
    @WireName("shutdown_complete")
    record ShutdownComplete() implements EventMsg {
    }

    /** Any other event type, kept verbatim; {@code body} holds every member but {@code type}. */
    record Unknown(String type, ObjectNode body) implements EventMsg {
        public Unknown {
            Fields.required(type, "type");
            body = body == null ? JsonNodeFactory.instance.objectNode() : body;
        }

        @JsonValue
        public ObjectNode json() {
            return Tagged.withType(type, body);
        }
    }
}
