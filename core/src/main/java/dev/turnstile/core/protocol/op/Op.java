package dev.turnstile.core.protocol.op;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.InvalidFieldException;
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CollaborationMode;
import dev.turnstile.core.protocol.policy.Personality;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.protocol.policy.ReviewRequest;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.protocol.policy.WindowsSandboxLevel;
import java.util.List;

/**
 * A submission's operation: the 27 ops of spec §1.2, internally tagged by {@code type} in snake_case
 * ({@code request_user_input_response} is read as {@link UserInputAnswer}). Optional members are nullable and
 * omitted from the output when null. Members the core does not interpret are kept as {@link JsonNode} so they
 * round-trip exactly; an explicit JSON {@code null} in such a member is kept as {@code NullNode}.
 *
 * <p>Constructors check what upstream requires: a missing required member throws
 * {@link dev.turnstile.core.protocol.MissingFieldException}, which the codec reports as
 * {@code missing field `items` in op `user_input`}.
 */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface Op permits Op.Interrupt, Op.CleanBackgroundTerminals, Op.RealtimeConversationStart,
        Op.RealtimeConversationAudio, Op.RealtimeConversationText, Op.RealtimeConversationClose,
        Op.RealtimeConversationListVoices, Op.OverrideTurnContext, Op.UserInput, Op.UserInputWithTurnContext,
        Op.UserTurn, Op.InterAgentCommunication, Op.ExecApproval, Op.PatchApproval, Op.ResolveElicitation,
        Op.UserInputAnswer, Op.RequestPermissionsResponse, Op.DynamicToolResponse, Op.RefreshMcpServers,
        Op.ReloadUserConfig, Op.Compact, Op.SetThreadMemoryMode, Op.ThreadRollback, Op.Review,
        Op.ApproveGuardianDeniedAction, Op.Shutdown, Op.RunUserShellCommand {

    /** The wire {@code type}, also used for tracing span names ({@code op.dispatch.<kind>}). */
    @JsonProperty("type")
    default String kind() {
        return WireNames.of(getClass());
    }

    /** Abort the running turn (reason {@code interrupted}); background terminals keep running. */
    @WireName("interrupt")
    record Interrupt() implements Op {
    }

    /** Terminate all background terminal processes of the thread. */
    @WireName("clean_background_terminals")
    record CleanBackgroundTerminals() implements Op {
    }

    /**
     * Start a realtime conversation. {@code prompt} is a double option: absent ({@code null}), JSON null
     * ({@code NullNode}) or a string. {@code transport} is kept as JSON.
     */
    @WireName("realtime_conversation_start")
    record RealtimeConversationStart(RealtimeOutputModality outputModality, JsonNode prompt, String realtimeSessionId,
            JsonNode transport, String voice) implements Op {
        public RealtimeConversationStart {
            Fields.required(outputModality, "output_modality");
            if (prompt != null && !prompt.isNull() && !prompt.isTextual()) {
                throw new InvalidFieldException("prompt", "a string or null");
            }
        }
    }

    /** Forward one audio frame to the realtime stream. */
    @WireName("realtime_conversation_audio")
    record RealtimeConversationAudio(RealtimeAudioFrame frame) implements Op {
        public RealtimeConversationAudio {
            Fields.required(frame, "frame");
        }
    }

    /** Forward text to the realtime stream. */
    @WireName("realtime_conversation_text")
    record RealtimeConversationText(String text) implements Op {
        public RealtimeConversationText {
            Fields.required(text, "text");
        }
    }

    @WireName("realtime_conversation_close")
    record RealtimeConversationClose() implements Op {
    }

    @WireName("realtime_conversation_list_voices")
    record RealtimeConversationListVoices() implements Op {
    }

    /**
     * Change persistent settings for later turns; every member optional. {@code effort} and
     * {@code service_tier}: JSON null reads as "unchanged", as with upstream's plain serde.
     */
    @WireName("override_turn_context")
    record OverrideTurnContext(String cwd, AskForApproval approvalPolicy, ApprovalsReviewer approvalsReviewer,
            SandboxPolicy sandboxPolicy, JsonNode permissionProfile, WindowsSandboxLevel windowsSandboxLevel,
            String model, ReasoningEffort effort, ReasoningSummary summary, String serviceTier,
            CollaborationMode collaborationMode, Personality personality) implements Op {
    }

    /** Legacy input: items plus turn-scoped extras, then the steer-vs-new-turn rule. */
    @WireName("user_input")
    record UserInput(List<dev.turnstile.core.protocol.item.UserInput> items, JsonNode environments,
            JsonNode finalOutputJsonSchema, JsonNode responsesapiClientMetadata) implements Op {
        public UserInput {
            items = OpChecks.items(items);
        }

        public UserInput(List<dev.turnstile.core.protocol.item.UserInput> items) {
            this(items, null, null, null);
        }

        /** One text item. */
        public static UserInput text(String text) {
            return new UserInput(List.of(dev.turnstile.core.protocol.item.UserInput.text(text)));
        }
    }

    /** Input plus persistent overrides applied first, in the same queued op. */
    @WireName("user_input_with_turn_context")
    record UserInputWithTurnContext(List<dev.turnstile.core.protocol.item.UserInput> items, JsonNode environments,
            JsonNode finalOutputJsonSchema, JsonNode responsesapiClientMetadata, String cwd,
            List<String> workspaceRoots, List<String> profileWorkspaceRoots, AskForApproval approvalPolicy,
            ApprovalsReviewer approvalsReviewer, SandboxPolicy sandboxPolicy, JsonNode permissionProfile,
            ActivePermissionProfile activePermissionProfile, WindowsSandboxLevel windowsSandboxLevel, String model,
            ReasoningEffort effort, ReasoningSummary summary, String serviceTier,
            CollaborationMode collaborationMode, Personality personality) implements Op {
        public UserInputWithTurnContext {
            items = OpChecks.items(items);
            workspaceRoots = Fields.listOrNull(workspaceRoots);
            profileWorkspaceRoots = Fields.listOrNull(profileWorkspaceRoots);
        }
    }

    /** Input with a full per-turn context ({@code items}, {@code cwd}, policies and {@code model} required). */
    @WireName("user_turn")
    record UserTurn(List<dev.turnstile.core.protocol.item.UserInput> items, String cwd, AskForApproval approvalPolicy,
            SandboxPolicy sandboxPolicy, String model, JsonNode finalOutputJsonSchema,
            ApprovalsReviewer approvalsReviewer, JsonNode permissionProfile, ReasoningEffort effort,
            ReasoningSummary summary, String serviceTier, CollaborationMode collaborationMode,
            Personality personality, JsonNode environments) implements Op {
        public UserTurn {
            items = OpChecks.items(items);
            Fields.required(cwd, "cwd");
            Fields.required(approvalPolicy, "approval_policy");
            Fields.required(sandboxPolicy, "sandbox_policy");
            Fields.required(model, "model");
        }

        /** The required members only. */
        public UserTurn(List<dev.turnstile.core.protocol.item.UserInput> items, String cwd,
                AskForApproval approvalPolicy, SandboxPolicy sandboxPolicy, String model) {
            this(items, cwd, approvalPolicy, sandboxPolicy, model, null, null, null, null, null, null, null, null,
                    null);
        }
    }

    /** A message from another agent for the session mailbox. */
    @WireName("inter_agent_communication")
    record InterAgentCommunication(AgentCommunication communication)
            implements Op {
        public InterAgentCommunication {
            Fields.required(communication, "communication");
        }
    }

    /** Answer to an {@code exec_approval_request}; {@code id} is the approval id. */
    @WireName("exec_approval")
    record ExecApproval(String id, String turnId, ReviewDecision decision) implements Op {
        public ExecApproval {
            Fields.required(id, "id");
            Fields.required(decision, "decision");
        }

        public ExecApproval(String id, ReviewDecision decision) {
            this(id, null, decision);
        }
    }

    /** Answer to an {@code apply_patch_approval_request}. */
    @WireName("patch_approval")
    record PatchApproval(String id, ReviewDecision decision) implements Op {
        public PatchApproval {
            Fields.required(id, "id");
            Fields.required(decision, "decision");
        }
    }

    /** Resolve an MCP elicitation; {@code request_id} is a string or an integer, kept as JSON. */
    @WireName("resolve_elicitation")
    record ResolveElicitation(String serverName, JsonNode requestId, ElicitationAction decision, JsonNode content,
            JsonNode meta) implements Op {
        public ResolveElicitation {
            Fields.required(serverName, "server_name");
            Fields.required(requestId, "request_id");
            if (!requestId.isTextual() && !requestId.isIntegralNumber()) {
                throw new InvalidFieldException("request_id", "a string or an integer");
            }
            Fields.required(decision, "decision");
        }
    }

    /**
     * Answer a pending {@code request_user_input} call ({@code id} is the request's turn id); {@code response}
     * ({@code {"answers": {...}}}) is kept as JSON.
     */
    @WireName(value = "user_input_answer", aliases = "request_user_input_response")
    record UserInputAnswer(String id, JsonNode response) implements Op {
        public UserInputAnswer {
            Fields.required(id, "id");
            OpChecks.object(Fields.required(response, "response"), "response");
        }
    }

    /** Grant permissions to a pending {@code request_permissions} call; {@code response} kept as JSON. */
    @WireName("request_permissions_response")
    record RequestPermissionsResponse(String id, JsonNode response) implements Op {
        public RequestPermissionsResponse {
            Fields.required(id, "id");
            OpChecks.object(Fields.required(response, "response"), "response");
        }
    }

    /** Result of a client-side dynamic tool call; {@code response} (camelCase payload) kept as JSON. */
    @WireName("dynamic_tool_response")
    record DynamicToolResponse(String id, JsonNode response) implements Op {
        public DynamicToolResponse {
            Fields.required(id, "id");
            OpChecks.object(Fields.required(response, "response"), "response");
        }
    }

    /** New MCP configuration, applied at the start of the next turn; {@code config} kept as JSON. */
    @WireName("refresh_mcp_servers")
    record RefreshMcpServers(JsonNode config) implements Op {
        public RefreshMcpServers {
            OpChecks.object(Fields.required(config, "config"), "config");
        }
    }

    @WireName("reload_user_config")
    record ReloadUserConfig() implements Op {
    }

    /** Compact the history (spawns a compact task). */
    @WireName("compact")
    record Compact() implements Op {
    }

    @WireName("set_thread_memory_mode")
    record SetThreadMemoryMode(ThreadMemoryMode mode) implements Op {
        public SetThreadMemoryMode {
            Fields.required(mode, "mode");
        }
    }

    /** Drop the last {@code num_turns} user turns (a {@code u32}; 0 is refused by the handler, not here). */
    @WireName("thread_rollback")
    record ThreadRollback(Long numTurns) implements Op {
        public ThreadRollback {
            Fields.required(numTurns, "num_turns");
            if (numTurns < 0 || numTurns > 0xFFFF_FFFFL) {
                throw new InvalidFieldException("num_turns", "a non-negative integer");
            }
        }

        public ThreadRollback(long numTurns) {
            this(Long.valueOf(numTurns));
        }
    }

    @WireName("review")
    record Review(ReviewRequest reviewRequest) implements Op {
        public Review {
            Fields.required(reviewRequest, "review_request");
        }
    }

    /** Allow one retry of a guardian-denied action; the assessment {@code event} is kept as JSON. */
    @WireName("approve_guardian_denied_action")
    record ApproveGuardianDeniedAction(JsonNode event) implements Op {
        public ApproveGuardianDeniedAction {
            OpChecks.object(Fields.required(event, "event"), "event");
        }
    }

    /** Abort everything, tear down, emit {@code shutdown_complete} and stop the loop. */
    @WireName("shutdown")
    record Shutdown() implements Op {
    }

    /** Run a user shell command (the text after {@code !}). */
    @WireName("run_user_shell_command")
    record RunUserShellCommand(String command) implements Op {
        public RunUserShellCommand {
            Fields.required(command, "command");
        }
    }
}
