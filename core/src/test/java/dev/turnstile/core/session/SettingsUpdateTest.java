package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.turnstile.core.permissions.PermissionState;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §3.3: how an op's settings update changes a thread's persistent configuration. */
class SettingsUpdateTest {
    private static final Path PROCESS_DIR = Path.of("/work/process");
    private final SessionConfiguration base = SessionConfiguration.defaults("m1", "p", "/repo");

    private static SettingsUpdate cwd(String cwd) {
        return SettingsUpdate.of(new Op.OverrideTurnContext(cwd, null, null, null, null, null, null, null, null,
                null, null, null));
    }

    @Test
    void aCwdUpdateRetargetsTheImplicitCwdRootAndKeepsTheOthers() throws Exception {
        SessionConfiguration withExtra = SettingsUpdate.of(withRoots(List.of("/repo", "/extra", "/repo")))
                .applyTo(base, PROCESS_DIR);
        assertThat(withExtra.workspaceRoots()).containsExactly("/repo", "/extra");
        SessionConfiguration moved = cwd("/elsewhere").applyTo(withExtra, PROCESS_DIR);
        assertThat(moved.cwd()).isEqualTo("/elsewhere");
        assertThat(moved.workspaceRoots()).containsExactly("/elsewhere", "/extra");
    }

    @Test
    void aCwdUpdateLeavesRootsAloneWhenTheOldCwdWasNotOneOfThem() throws Exception {
        SessionConfiguration explicit = SettingsUpdate.of(withRoots(List.of("/only"))).applyTo(base, PROCESS_DIR);
        assertThat(cwd("/elsewhere").applyTo(explicit, PROCESS_DIR).workspaceRoots()).containsExactly("/only");
    }

    @Test
    void aRelativeCwdResolvesAgainstTheProcessDirectory() throws Exception {
        // Upstream resolves against the process's working directory, not the session cwd (spec Appendix B.6).
        assertThat(cwd("sub/../dir").applyTo(base, PROCESS_DIR).cwd()).isEqualTo("/work/process/dir");
    }

    @Test
    void userTurnDropsTheActivePermissionProfileBecauseItAlwaysCarriesASandboxPolicy() throws Exception {
        SessionConfiguration named = SettingsUpdate.of(new Op.UserInputWithTurnContext(List.of(UserInput.text("x")),
                null, null, null, null, null, null, null, null, null, JsonNodeFactory.instance.objectNode()
                .put("type", "disabled"), new ActivePermissionProfile(":danger-full-access", null), null, null,
                null, null, null, null, null)).applyTo(base, PROCESS_DIR);
        assertThat(named.activePermissionProfile().id()).isEqualTo(":danger-full-access");

        SessionConfiguration afterTurn = SettingsUpdate.of(new Op.UserTurn(List.of(UserInput.text("y")), "/repo",
                AskForApproval.NEVER, SandboxPolicy.readOnly(), "m2")).applyTo(named, PROCESS_DIR);
        assertThat(afterTurn.activePermissionProfile()).isNull();
        // The profile is now the legacy policy's own (legacy permissions, no id), not absent.
        assertThat(afterTurn.permissions().state()).isInstanceOf(PermissionState.Legacy.class);
        assertThat(afterTurn.permissionProfile().get("type").asText()).isEqualTo("managed");
        assertThat(afterTurn.sandboxPolicy()).isEqualTo(SandboxPolicy.readOnly());
        assertThat(afterTurn.model()).isEqualTo("m2");
        assertThat(afterTurn.collaborationMode().settings().model()).isEqualTo("m2");
    }

    @Test
    void userTurnUpdatesTheApprovalsReviewerForLaterTurns() throws Exception {
        // spec §5.1 case 18 (user_turn_updates_approvals_reviewer)
        Op.UserTurn turn = new Op.UserTurn(List.of(UserInput.text("x")), "/repo", AskForApproval.ON_REQUEST,
                SandboxPolicy.workspaceWrite(), "m1", null, ApprovalsReviewer.GUARDIAN_SUBAGENT, null, null, null,
                null, null, null, null);
        assertThat(SettingsUpdate.of(turn).applyTo(base, PROCESS_DIR).approvalsReviewer())
                .isEqualTo(ApprovalsReviewer.GUARDIAN_SUBAGENT);
    }

    @Test
    void modelAndEffortPatchTheCurrentCollaborationModeWhenNoneIsGiven() throws Exception {
        SessionConfiguration updated = SettingsUpdate.of(new Op.OverrideTurnContext(null, null, null, null, null, null,
                "m9", ReasoningEffort.HIGH, null, "fast", null, null)).applyTo(base, PROCESS_DIR);
        assertThat(updated.collaborationMode().settings().model()).isEqualTo("m9");
        assertThat(updated.collaborationMode().settings().reasoningEffort()).isEqualTo(ReasoningEffort.HIGH);
        assertThat(updated.serviceTier()).as("\"fast\" means the priority tier").isEqualTo("priority");
    }

    @Test
    void invalidSettingsAreRejectedAndNothingChanges() {
        assertThatThrownBy(() -> SettingsUpdate.of(new Op.OverrideTurnContext(null, null, null, null, null, null,
                " ", null, null, null, null, null)).applyTo(base, PROCESS_DIR))
                .isInstanceOf(SettingsRejectedException.class).hasMessage("model must not be empty");
        assertThatThrownBy(() -> SettingsUpdate.of(withRoots(List.of("/a", ""))).applyTo(base, PROCESS_DIR))
                .hasMessage("workspace roots must not be empty paths");
    }

    private static Op.UserInputWithTurnContext withRoots(List<String> roots) {
        return new Op.UserInputWithTurnContext(List.of(UserInput.text("x")), null, null, null, null, roots, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
