package dev.turnstile.core.protocol.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.codec.ProtocolDecodeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec §1.7: the wire forms of the policies and enumerations. */
class PolicyWireFormatTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private static JsonNode tree(String json) {
        try {
            return CODEC.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        return CODEC.fromTree(tree(json), type);
    }

    private static String write(Object value) {
        return CODEC.toTree(value).toString();
    }

    @CsvSource(delimiter = '|', textBlock = """
            "untrusted"  | UNTRUSTED
            "on-failure" | ON_FAILURE
            "on-request" | ON_REQUEST
            "never"      | NEVER
            """)
    @ParameterizedTest
    void askForApprovalStringsAreKebabCase(String json, AskForApproval.Mode mode) {
        assertThat(read(json, AskForApproval.class)).isEqualTo(mode);
        assertThat(write(mode)).isEqualTo(json);
    }

    @Test
    void granularApprovalIsASingleKeyObjectWithDefaultsForTheNewerFlags() {
        AskForApproval granular = read("""
                {"granular":{"sandbox_approval":true,"rules":false,"mcp_elicitations":true}}""", AskForApproval.class);
        assertThat(granular).isEqualTo(new AskForApproval.Granular(
                new GranularApprovalConfig(true, false, false, false, true)));
        assertThat(tree(write(granular))).isEqualTo(tree("""
                {"granular":{"sandbox_approval":true,"rules":false,"skill_approval":false,
                 "request_permissions":false,"mcp_elicitations":true}}"""));
    }

    @Test
    void sandboxPolicyOmitsDefaultMembersAsUpstreamDoes() {
        assertThat(write(SandboxPolicy.dangerFullAccess())).isEqualTo("{\"type\":\"danger-full-access\"}");
        assertThat(write(SandboxPolicy.readOnly())).isEqualTo("{\"type\":\"read-only\"}");
        assertThat(write(new SandboxPolicy.ReadOnly(true))).isEqualTo("{\"type\":\"read-only\",\"network_access\":true}");
        assertThat(write(new SandboxPolicy.ExternalSandbox(null)))
                .isEqualTo("{\"type\":\"external-sandbox\",\"network_access\":\"restricted\"}");
        assertThat(write(SandboxPolicy.workspaceWrite())).isEqualTo("{\"type\":\"workspace-write\","
                + "\"network_access\":false,\"exclude_tmpdir_env_var\":false,\"exclude_slash_tmp\":false}");
        assertThat(write(new SandboxPolicy.WorkspaceWrite(List.of("/a"), true, true, false)))
                .isEqualTo("{\"type\":\"workspace-write\",\"writable_roots\":[\"/a\"],\"network_access\":true,"
                        + "\"exclude_tmpdir_env_var\":true,\"exclude_slash_tmp\":false}");
    }

    @Test
    void sandboxPolicyMembersDefaultWhenAbsent() {
        assertThat(read("{\"type\":\"workspace-write\"}", SandboxPolicy.class)).isEqualTo(SandboxPolicy.workspaceWrite());
        assertThat(read("{\"type\":\"external-sandbox\",\"network_access\":\"enabled\"}", SandboxPolicy.class))
                .isEqualTo(new SandboxPolicy.ExternalSandbox(NetworkAccess.ENABLED));
        assertThatThrownBy(() -> read("{\"type\":\"wide-open\"}", SandboxPolicy.class))
                .isInstanceOf(ProtocolDecodeException.class).hasMessageContaining("unknown sandbox policy type `wide-open`");
    }

    @Test
    void reviewDecisionStringsAndObjectForms() {
        for (ReviewDecision.Simple simple : ReviewDecision.Simple.values()) {
            assertThat(read("\"" + simple.wire() + "\"", ReviewDecision.class)).isEqualTo(simple);
            assertThat(write(simple)).isEqualTo("\"" + simple.wire() + "\"");
        }
        String amendment = "{\"approved_execpolicy_amendment\":{\"proposed_execpolicy_amendment\":[\"npm\",\"test\"]}}";
        assertThat(read(amendment, ReviewDecision.class))
                .isEqualTo(new ReviewDecision.ApprovedExecpolicyAmendment(List.of("npm", "test")));
        assertThat(write(read(amendment, ReviewDecision.class))).isEqualTo(amendment);
        String network = "{\"network_policy_amendment\":{\"network_policy_amendment\":"
                + "{\"host\":\"example.com\",\"action\":\"deny\"}}}";
        assertThat(read(network, ReviewDecision.class)).isEqualTo(new ReviewDecision.NetworkPolicy(
                new NetworkPolicyAmendment("example.com", NetworkPolicyAmendment.Action.DENY)));
        assertThat(write(read(network, ReviewDecision.class))).isEqualTo(network);
    }

    @Test
    void codexErrorInfoUnitVariantsAreStringsAndStructVariantsSingleKeyObjects() {
        for (CodexErrorInfo.Kind kind : CodexErrorInfo.Kind.values()) {
            assertThat(write(kind)).isEqualTo("\"" + kind.wire() + "\"");
            assertThat(read("\"" + kind.wire() + "\"", CodexErrorInfo.class)).isEqualTo(kind);
        }
        for (CodexErrorInfo.HttpFailure.Tag tag : CodexErrorInfo.HttpFailure.Tag.values()) {
            String withCode = "{\"" + tag.wire() + "\":{\"http_status_code\":503}}";
            String withoutCode = "{\"" + tag.wire() + "\":{\"http_status_code\":null}}";
            assertThat(read(withCode, CodexErrorInfo.class)).isEqualTo(new CodexErrorInfo.HttpFailure(tag, 503));
            assertThat(write(read(withCode, CodexErrorInfo.class))).isEqualTo(withCode);
            assertThat(write(new CodexErrorInfo.HttpFailure(tag, null))).isEqualTo(withoutCode);
        }
        String notSteerable = "{\"active_turn_not_steerable\":{\"turn_kind\":\"review\"}}";
        assertThat(read(notSteerable, CodexErrorInfo.class))
                .isEqualTo(new CodexErrorInfo.ActiveTurnNotSteerable(NonSteerableTurnKind.REVIEW));
        assertThat(write(read(notSteerable, CodexErrorInfo.class))).isEqualTo(notSteerable);
    }

    @Test
    void codexErrorInfoFromANewerVersionIsKeptVerbatim() {
        String newer = "{\"quota_exceeded\":{\"resets_at\":12}}";
        CodexErrorInfo info = read(newer, CodexErrorInfo.class);
        assertThat(info).isInstanceOf(CodexErrorInfo.Unknown.class);
        assertThat(write(info)).isEqualTo(newer);
        assertThat(read("\"brand_new\"", CodexErrorInfo.class)).isInstanceOf(CodexErrorInfo.Unknown.class);
    }

    @Test
    void approvalsReviewerReadsAutoReviewAsGuardianSubagent() {
        assertThat(read("\"auto_review\"", ApprovalsReviewer.class)).isEqualTo(ApprovalsReviewer.GUARDIAN_SUBAGENT);
        assertThat(read("\"guardian_subagent\"", ApprovalsReviewer.class)).isEqualTo(ApprovalsReviewer.GUARDIAN_SUBAGENT);
        assertThat(write(ApprovalsReviewer.GUARDIAN_SUBAGENT)).isEqualTo("\"guardian_subagent\"");
        assertThat(write(ApprovalsReviewer.USER)).isEqualTo("\"user\"");
    }

    @Test
    void enumerationsUseTheirWireSpelling() {
        assertThat(write(ReasoningEffort.XHIGH)).isEqualTo("\"xhigh\"");
        assertThat(write(ReasoningSummary.CONCISE)).isEqualTo("\"concise\"");
        assertThat(write(Personality.PRAGMATIC)).isEqualTo("\"pragmatic\"");
        assertThat(write(WindowsSandboxLevel.RESTRICTED_TOKEN)).isEqualTo("\"restricted-token\"");
        assertThat(write(TurnAbortReason.REVIEW_ENDED)).isEqualTo("\"review_ended\"");
        assertThat(write(ThreadMemoryMode.ENABLED)).isEqualTo("\"enabled\"");
        assertThat(write(ModeKind.PLAN)).isEqualTo("\"plan\"");
    }

    @Test
    void collaborationModeSettingsAlwaysWriteTheirNulls() {
        assertThat(write(CollaborationMode.defaultFor("gpt-5.4", null))).isEqualTo("{\"mode\":\"default\","
                + "\"settings\":{\"model\":\"gpt-5.4\",\"reasoning_effort\":null,\"developer_instructions\":null}}");
    }

    @Test
    void reviewTargetsAreTaggedInCamelCase() {
        assertThat(write(new ReviewTarget.UncommittedChanges())).isEqualTo("{\"type\":\"uncommittedChanges\"}");
        assertThat(write(new ReviewTarget.BaseBranch("main"))).isEqualTo("{\"type\":\"baseBranch\",\"branch\":\"main\"}");
        assertThat(write(new ReviewTarget.Commit("abc", null)))
                .isEqualTo("{\"type\":\"commit\",\"sha\":\"abc\",\"title\":null}");
        assertThat(write(new ReviewTarget.Custom("look for races")))
                .isEqualTo("{\"type\":\"custom\",\"instructions\":\"look for races\"}");
        assertThat(write(new ReviewRequest(new ReviewTarget.UncommittedChanges())))
                .isEqualTo("{\"target\":{\"type\":\"uncommittedChanges\"}}");
    }

    @Test
    void activePermissionProfileWritesExtendsOnlyWhenSet() {
        assertThat(write(new ActivePermissionProfile(":workspace"))).isEqualTo("{\"id\":\":workspace\"}");
        assertThat(write(new ActivePermissionProfile("mine", ":read-only")))
                .isEqualTo("{\"id\":\"mine\",\"extends\":\":read-only\"}");
        assertThat(read("{\"id\":\"mine\",\"extends\":\":read-only\"}", ActivePermissionProfile.class).extendsProfile())
                .isEqualTo(":read-only");
    }
}
