package dev.turnstile.core.protocol.op;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.DecodeResult;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.item.ByteRange;
import dev.turnstile.core.protocol.item.TextElement;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CollaborationMode;
import dev.turnstile.core.protocol.policy.GranularApprovalConfig;
import dev.turnstile.core.protocol.policy.ModeKind;
import dev.turnstile.core.protocol.policy.Personality;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.protocol.policy.ReviewTarget;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.protocol.policy.WindowsSandboxLevel;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §1.1-1.2: every one of the 27 ops decodes from hand-written wire JSON into the right record with the
 * right values, and encodes back to the same JSON.
 */
class OpWireFormatTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    /** One row per op: the op object on the wire, and what it must decode to. */
    record Row(String op, Class<? extends Op> type, Consumer<Op> check) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Op> Row row(Class<T> type, String op, Consumer<T> check) {
        return new Row(op, type, o -> check.accept((T) o));
    }

    static final List<Row> ROWS = List.of(
            row(Op.Interrupt.class, """
                    {"type":"interrupt"}""", op -> { }),
            row(Op.CleanBackgroundTerminals.class, """
                    {"type":"clean_background_terminals"}""", op -> { }),
            row(Op.RealtimeConversationStart.class, """
                    {"type":"realtime_conversation_start","output_modality":"audio","prompt":null,
                     "realtime_session_id":"rs_1","transport":{"type":"webrtc","sdp":"v=0"},"voice":"marin"}""",
                    op -> {
                        assertThat(op.outputModality()).isEqualTo(RealtimeOutputModality.AUDIO);
                        assertThat(op.prompt().isNull()).as("explicit null prompt is kept").isTrue();
                        assertThat(op.realtimeSessionId()).isEqualTo("rs_1");
                        assertThat(op.transport().get("sdp").asText()).isEqualTo("v=0");
                        assertThat(op.voice()).isEqualTo("marin");
                    }),
            row(Op.RealtimeConversationAudio.class, """
                    {"type":"realtime_conversation_audio","frame":{"data":"AAEC","sample_rate":24000,
                     "num_channels":1,"samples_per_channel":480,"item_id":"item_1"}}""",
                    op -> assertThat(op.frame()).isEqualTo(new RealtimeAudioFrame("AAEC", 24000L, 1L, 480L, "item_1"))),
            row(Op.RealtimeConversationText.class, """
                    {"type":"realtime_conversation_text","text":"hello there"}""",
                    op -> assertThat(op.text()).isEqualTo("hello there")),
            row(Op.RealtimeConversationClose.class, """
                    {"type":"realtime_conversation_close"}""", op -> { }),
            row(Op.RealtimeConversationListVoices.class, """
                    {"type":"realtime_conversation_list_voices"}""", op -> { }),
            row(Op.OverrideTurnContext.class, """
                    {"type":"override_turn_context","cwd":"/repo","approval_policy":{"granular":{"sandbox_approval":true,
                     "rules":false,"skill_approval":true,"request_permissions":false,"mcp_elicitations":true}},
                     "approvals_reviewer":"guardian_subagent",
                     "sandbox_policy":{"type":"workspace-write","writable_roots":["/data"],"network_access":true,
                       "exclude_tmpdir_env_var":false,"exclude_slash_tmp":true},
                     "permission_profile":{"type":"managed","network":"restricted"},
                     "windows_sandbox_level":"restricted-token","model":"gpt-5.4","effort":"high","summary":"concise",
                     "service_tier":"flex",
                     "collaboration_mode":{"mode":"plan","settings":{"model":"gpt-5.4","reasoning_effort":"medium",
                       "developer_instructions":null}},
                     "personality":"pragmatic"}""",
                    op -> {
                        assertThat(op.cwd()).isEqualTo("/repo");
                        assertThat(op.approvalPolicy()).isEqualTo(new AskForApproval.Granular(
                                new GranularApprovalConfig(true, false, true, false, true)));
                        assertThat(op.approvalsReviewer()).isEqualTo(ApprovalsReviewer.GUARDIAN_SUBAGENT);
                        assertThat(op.sandboxPolicy()).isEqualTo(
                                new SandboxPolicy.WorkspaceWrite(List.of("/data"), true, false, true));
                        assertThat(op.permissionProfile().get("type").asText()).isEqualTo("managed");
                        assertThat(op.windowsSandboxLevel()).isEqualTo(WindowsSandboxLevel.RESTRICTED_TOKEN);
                        assertThat(op.model()).isEqualTo("gpt-5.4");
                        assertThat(op.effort()).isEqualTo(ReasoningEffort.HIGH);
                        assertThat(op.summary()).isEqualTo(ReasoningSummary.CONCISE);
                        assertThat(op.serviceTier()).isEqualTo("flex");
                        assertThat(op.collaborationMode()).isEqualTo(new CollaborationMode(ModeKind.PLAN,
                                new CollaborationMode.Settings("gpt-5.4", ReasoningEffort.MEDIUM, null)));
                        assertThat(op.personality()).isEqualTo(Personality.PRAGMATIC);
                    }),
            row(Op.UserInput.class, """
                    {"type":"user_input","items":[
                       {"type":"text","text":"look at @file","text_elements":[{"byte_range":{"start":8,"end":13},
                        "placeholder":"@file"}]},
                       {"type":"image","image_url":"data:image/png;base64,AAAA"},
                       {"type":"local_image","path":"/tmp/shot.png"},
                       {"type":"skill","name":"deploy","path":"/skills/deploy/SKILL.md"},
                       {"type":"mention","name":"github","path":"app://github"}],
                     "environments":[{"environment_id":"local","cwd":"/repo"}],
                     "final_output_json_schema":{"type":"object"},
                     "responsesapi_client_metadata":{"fiber_run_id":"fiber-123"}}""",
                    op -> {
                        assertThat(op.items()).containsExactly(
                                new UserInput.Text("look at @file",
                                        List.of(new TextElement(new ByteRange(8, 13), "@file"))),
                                new UserInput.Image("data:image/png;base64,AAAA"),
                                new UserInput.LocalImage("/tmp/shot.png"),
                                new UserInput.Skill("deploy", "/skills/deploy/SKILL.md"),
                                new UserInput.Mention("github", "app://github"));
                        assertThat(op.environments().get(0).get("cwd").asText()).isEqualTo("/repo");
                        assertThat(op.finalOutputJsonSchema().get("type").asText()).isEqualTo("object");
                        assertThat(op.responsesapiClientMetadata().get("fiber_run_id").asText())
                                .isEqualTo("fiber-123");
                    }),
            row(Op.UserInputWithTurnContext.class, """
                    {"type":"user_input_with_turn_context","items":[{"type":"text","text":"go","text_elements":[]}],
                     "environments":[],"final_output_json_schema":{"type":"string"},
                     "responsesapi_client_metadata":{"k":"v"},"cwd":"/repo",
                     "workspace_roots":["/repo","/extra"],"profile_workspace_roots":["/repo"],
                     "approval_policy":"on-request","approvals_reviewer":"user",
                     "sandbox_policy":{"type":"read-only","network_access":true},
                     "permission_profile":{"type":"disabled"},
                     "active_permission_profile":{"id":":workspace","extends":":read-only"},
                     "windows_sandbox_level":"elevated","model":"gpt-5.4","effort":"xhigh","summary":"detailed",
                     "service_tier":"priority",
                     "collaboration_mode":{"mode":"default","settings":{"model":"gpt-5.4","reasoning_effort":null,
                       "developer_instructions":"be brief"}},
                     "personality":"friendly"}""",
                    op -> {
                        assertThat(op.items()).containsExactly(UserInput.text("go"));
                        assertThat(op.cwd()).isEqualTo("/repo");
                        assertThat(op.workspaceRoots()).containsExactly("/repo", "/extra");
                        assertThat(op.profileWorkspaceRoots()).containsExactly("/repo");
                        assertThat(op.approvalPolicy()).isEqualTo(AskForApproval.ON_REQUEST);
                        assertThat(op.approvalsReviewer()).isEqualTo(ApprovalsReviewer.USER);
                        assertThat(op.sandboxPolicy()).isEqualTo(new SandboxPolicy.ReadOnly(true));
                        assertThat(op.activePermissionProfile())
                                .isEqualTo(new ActivePermissionProfile(":workspace", ":read-only"));
                        assertThat(op.windowsSandboxLevel()).isEqualTo(WindowsSandboxLevel.ELEVATED);
                        assertThat(op.effort()).isEqualTo(ReasoningEffort.XHIGH);
                        assertThat(op.summary()).isEqualTo(ReasoningSummary.DETAILED);
                        assertThat(op.serviceTier()).isEqualTo("priority");
                        assertThat(op.collaborationMode().settings().developerInstructions()).isEqualTo("be brief");
                        assertThat(op.personality()).isEqualTo(Personality.FRIENDLY);
                    }),
            row(Op.UserTurn.class, """
                    {"type":"user_turn","items":[{"type":"text","text":"fix it","text_elements":[]}],"cwd":"/repo",
                     "approval_policy":"never","sandbox_policy":{"type":"danger-full-access"},"model":"gpt-5.4",
                     "final_output_json_schema":null,"approvals_reviewer":"user","effort":"low","summary":"auto",
                     "service_tier":"flex","personality":"none"}""",
                    op -> {
                        assertThat(op.items()).containsExactly(UserInput.text("fix it"));
                        assertThat(op.cwd()).isEqualTo("/repo");
                        assertThat(op.approvalPolicy()).isEqualTo(AskForApproval.NEVER);
                        assertThat(op.sandboxPolicy()).isEqualTo(SandboxPolicy.dangerFullAccess());
                        assertThat(op.model()).isEqualTo("gpt-5.4");
                        assertThat(op.finalOutputJsonSchema().isNull()).isTrue();
                        assertThat(op.effort()).isEqualTo(ReasoningEffort.LOW);
                        assertThat(op.summary()).isEqualTo(ReasoningSummary.AUTO);
                        assertThat(op.personality()).isEqualTo(Personality.NONE);
                        assertThat(op.collaborationMode()).isNull();
                    }),
            row(Op.InterAgentCommunication.class, """
                    {"type":"inter_agent_communication","communication":{"author":"/root","recipient":"/root/worker",
                     "other_recipients":["/root/other"],"content":"please review","trigger_turn":true}}""",
                    op -> assertThat(op.communication()).isEqualTo(new AgentCommunication("/root", "/root/worker",
                            List.of("/root/other"), "please review", true))),
            row(Op.ExecApproval.class, """
                    {"type":"exec_approval","id":"call_1","turn_id":"turn_1",
                     "decision":{"approved_execpolicy_amendment":{"proposed_execpolicy_amendment":["git","status"]}}}""",
                    op -> {
                        assertThat(op.id()).isEqualTo("call_1");
                        assertThat(op.turnId()).isEqualTo("turn_1");
                        assertThat(op.decision()).isEqualTo(
                                new ReviewDecision.ApprovedExecpolicyAmendment(List.of("git", "status")));
                    }),
            row(Op.PatchApproval.class, """
                    {"type":"patch_approval","id":"call_2","decision":"abort"}""",
                    op -> {
                        assertThat(op.id()).isEqualTo("call_2");
                        assertThat(op.decision()).isEqualTo(ReviewDecision.ABORT);
                    }),
            row(Op.ResolveElicitation.class, """
                    {"type":"resolve_elicitation","server_name":"github","request_id":42,"decision":"accept",
                     "content":{"confirm":true},"meta":{"trace":"x"}}""",
                    op -> {
                        assertThat(op.serverName()).isEqualTo("github");
                        assertThat(op.requestId().isIntegralNumber()).isTrue();
                        assertThat(op.requestId().asInt()).isEqualTo(42);
                        assertThat(op.decision()).isEqualTo(ElicitationAction.ACCEPT);
                        assertThat(op.content().get("confirm").asBoolean()).isTrue();
                        assertThat(op.meta().get("trace").asText()).isEqualTo("x");
                    }),
            row(Op.UserInputAnswer.class, """
                    {"type":"user_input_answer","id":"turn_3","response":{"answers":{"q1":{"answers":["yes"]}}}}""",
                    op -> {
                        assertThat(op.id()).isEqualTo("turn_3");
                        assertThat(op.response().at("/answers/q1/answers/0").asText()).isEqualTo("yes");
                    }),
            row(Op.RequestPermissionsResponse.class, """
                    {"type":"request_permissions_response","id":"call_4",
                     "response":{"permissions":{"network":{"enabled":true}},"scope":"session"}}""",
                    op -> {
                        assertThat(op.id()).isEqualTo("call_4");
                        assertThat(op.response().get("scope").asText()).isEqualTo("session");
                    }),
            row(Op.DynamicToolResponse.class, """
                    {"type":"dynamic_tool_response","id":"call_5",
                     "response":{"contentItems":[{"type":"inputText","text":"42"}],"success":true}}""",
                    op -> {
                        assertThat(op.id()).isEqualTo("call_5");
                        assertThat(op.response().at("/contentItems/0/text").asText()).isEqualTo("42");
                    }),
            row(Op.RefreshMcpServers.class, """
                    {"type":"refresh_mcp_servers","config":{"mcp_servers":{"docs":{"command":"docs-mcp"}},
                     "mcp_oauth_credentials_store_mode":"auto"}}""",
                    op -> assertThat(op.config().get("mcp_oauth_credentials_store_mode").asText()).isEqualTo("auto")),
            row(Op.ReloadUserConfig.class, """
                    {"type":"reload_user_config"}""", op -> { }),
            row(Op.Compact.class, """
                    {"type":"compact"}""", op -> { }),
            row(Op.SetThreadMemoryMode.class, """
                    {"type":"set_thread_memory_mode","mode":"disabled"}""",
                    op -> assertThat(op.mode()).isEqualTo(ThreadMemoryMode.DISABLED)),
            row(Op.ThreadRollback.class, """
                    {"type":"thread_rollback","num_turns":2}""",
                    op -> assertThat(op.numTurns()).isEqualTo(2L)),
            row(Op.Review.class, """
                    {"type":"review","review_request":{"target":{"type":"commit","sha":"abc123","title":null},
                     "user_facing_hint":"last commit"}}""",
                    op -> {
                        assertThat(op.reviewRequest().target()).isEqualTo(new ReviewTarget.Commit("abc123", null));
                        assertThat(op.reviewRequest().userFacingHint()).isEqualTo("last commit");
                    }),
            row(Op.ApproveGuardianDeniedAction.class, """
                    {"type":"approve_guardian_denied_action","event":{"id":"guardian-1","turn_id":"turn-1",
                     "status":"denied","action":{"type":"command","source":"shell","command":"rm -rf x","cwd":"/tmp"}}}""",
                    op -> assertThat(op.event().get("status").asText()).isEqualTo("denied")),
            row(Op.Shutdown.class, """
                    {"type":"shutdown"}""", op -> { }),
            row(Op.RunUserShellCommand.class, """
                    {"type":"run_user_shell_command","command":"ls -la | head"}""",
                    op -> assertThat(op.command()).isEqualTo("ls -la | head")));

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decodesToTheRightRecordAndEncodesBackToTheSameJson(Row row) throws Exception {
        String line = "{\"id\":\"sub-1\",\"op\":" + row.op() + "}";

        DecodeResult<Submission> result = CODEC.decodeSubmission(line);

        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        Submission submission = ((DecodeResult.Decoded<Submission>) result).value();
        assertThat(submission.id()).isEqualTo("sub-1");
        assertThat(submission.op()).isExactlyInstanceOf(row.type());
        assertThat(submission.op().kind()).isEqualTo(PLAIN.readTree(row.op()).get("type").asText());
        row.check().accept(submission.op());
        JsonNode encoded = PLAIN.readTree(CODEC.encodeSubmission(submission));
        assertThat(encoded).isEqualTo(PLAIN.readTree(line));
    }

    @Test
    void theTableCoversEveryOp() {
        Set<Class<?>> permitted = Arrays.stream(Op.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> covered = ROWS.stream().map(Row::type).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(permitted);
        assertThat(permitted).hasSize(27);
    }

    @Test
    void requestUserInputResponseIsReadAsUserInputAnswerAndWrittenUnderItsOwnName() throws Exception {
        String line = """
                {"id":"s","op":{"type":"request_user_input_response","id":"turn_3","response":{"answers":{}}}}""";

        Submission submission = ((DecodeResult.Decoded<Submission>) CODEC.decodeSubmission(line)).value();

        assertThat(submission.op()).isInstanceOf(Op.UserInputAnswer.class);
        assertThat(submission.op().kind()).isEqualTo("user_input_answer");
        assertThat(PLAIN.readTree(CODEC.encodeSubmission(submission)).at("/op/type").asText())
                .isEqualTo("user_input_answer");
    }

    @Test
    void optionalMembersAreOmittedWhenNullAndTraceOnlyWhenPresent() throws Exception {
        Submission bare = new Submission("s1", Op.UserInput.text("hi"));
        assertThat(PLAIN.readTree(CODEC.encodeSubmission(bare))).isEqualTo(PLAIN.readTree("""
                {"id":"s1","op":{"type":"user_input","items":[{"type":"text","text":"hi","text_elements":[]}]}}"""));

        Submission traced = new Submission("s2", new Op.Interrupt(),
                new dev.turnstile.core.protocol.Trace("00-abc-def-01", null));
        assertThat(PLAIN.readTree(CODEC.encodeSubmission(traced))).isEqualTo(PLAIN.readTree("""
                {"id":"s2","op":{"type":"interrupt"},"trace":{"traceparent":"00-abc-def-01"}}"""));
        DecodeResult<Submission> decoded = CODEC.decodeSubmission(CODEC.encodeSubmission(traced));
        assertThat(((DecodeResult.Decoded<Submission>) decoded).value()).isEqualTo(traced);
    }

    @Test
    void theTypeTagIsWrittenFirst() {
        assertThat(CODEC.encodeSubmission(new Submission("s", new Op.ThreadRollback(1))))
                .isEqualTo("{\"id\":\"s\",\"op\":{\"type\":\"thread_rollback\",\"num_turns\":1}}");
    }

    @Test
    void unknownMembersOfAnOpAreIgnoredAsUpstreamDoes() {
        DecodeResult<Submission> result = CODEC.decodeSubmission("""
                {"id":"s","op":{"type":"compact","future_member":1}}""");
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
    }
}
