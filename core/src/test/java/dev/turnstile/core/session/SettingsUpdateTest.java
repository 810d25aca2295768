package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.turnstile.core.permissions.BuiltInProfiles;
import dev.turnstile.core.permissions.LegacySandboxPolicies;
import dev.turnstile.core.permissions.PermissionState;
import dev.turnstile.core.permissions.ThreadPermissions;
import dev.turnstile.core.permissions.ThreadStart;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.FileSystemAccess;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §3.3: how an op's settings update changes a thread's persistent configuration; §5.3 cases 42–47 as the
 * ops carry them (upstream test names).
 */
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

    // ---- spec §5.3 cases 42-47 (upstream session/tests.rs), through the ops that carry them -----------------

    private static final SandboxEnvironment NO_TMP = SandboxEnvironment.none();
    private static final PermissionProfile PROJECT_ROOTS_WRITE = PermissionProfile.restricted(
            List.of(FileSystemSandboxEntry.of(SpecialPath.projectRoots(), FileSystemAccess.WRITE)),
            NetworkPolicy.RESTRICTED);

    @TempDir
    Path temp;

    private SessionConfiguration with(PermissionState state, Path cwd, List<Path> roots) {
        return base.withPermissions(new ThreadPermissions(state, cwd, roots));
    }

    /** What the app-server sends for {@code turn/start} with roots and a resolved profile (spec §1.2 row 10). */
    private static SettingsUpdate turnContext(List<Path> roots, PermissionProfile profile,
                                              ActivePermissionProfile active, List<Path> profileRoots) {
        return SettingsUpdate.of(new Op.UserInputWithTurnContext(List.of(UserInput.text("x")), null, null, null,
                null, roots == null ? null : strings(roots), profileRoots == null ? null : strings(profileRoots),
                null, null, null, profile == null ? null : PermissionProfileJson.toJson(profile), active, null, null,
                null, null, null, null, null));
    }

    private static SettingsUpdate profileOverride(PermissionProfile profile) {
        return SettingsUpdate.of(new Op.OverrideTurnContext(null, null, null, null,
                PermissionProfileJson.toJson(profile), null, null, null, null, null, null, null));
    }

    private static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    /** §5.3 case 42, §3.5 check 5: a cwd-only {@code override_turn_context} retargets the implicit cwd root. */
    @Test
    void session_configuration_apply_retargets_implicit_workspace_root_on_cwd_update() throws Exception {
        Path oldRoot = Files.createDirectories(temp.resolve("old"));
        Path newRoot = Files.createDirectories(temp.resolve("new"));
        Path extraRoot = Files.createDirectories(temp.resolve("extra"));
        SessionConfiguration current = with(new PermissionState.Legacy(PROJECT_ROOTS_WRITE), oldRoot,
                List.of(oldRoot, extraRoot));

        SessionConfiguration updated = cwd(newRoot.toString()).applyTo(current, PROCESS_DIR);

        assertThat(updated.workspaceRoots()).containsExactly(newRoot.toString(), extraRoot.toString());
        SandboxPlan plan = updated.permissions().realize(NO_TMP);
        assertThat(plan.isWritable(newRoot)).isTrue();
        assertThat(plan.isWritable(extraRoot)).isTrue();
        assertThat(plan.isWritable(oldRoot)).isFalse();
    }

    /** §5.3 case 43, §3.5 check 5 (legacy twin): legacy workspace-write follows a {@code user_turn}'s cwd. */
    @Test
    void session_configuration_apply_retargets_legacy_workspace_root_on_cwd_update() throws Exception {
        Path originalCwd = temp.resolve("workspace/repo-a");
        Path projectRoot = temp.resolve("workspace/repo-b");
        SandboxPolicy policy = new SandboxPolicy.WorkspaceWrite(List.of(), false, true, true);
        SessionConfiguration current = base.withPermissions(ThreadPermissions.legacy(policy, originalCwd,
                List.of(originalCwd)));

        SessionConfiguration updated = cwd(projectRoot.toString()).applyTo(current, PROCESS_DIR);

        assertThat(updated.workspaceRoots()).containsExactly(projectRoot.toString());
        SandboxPlan plan = updated.permissions().realize(NO_TMP);
        assertThat(plan.isWritable(projectRoot)).isTrue();
        assertThat(plan.isWritable(originalCwd)).isFalse();
        assertThat(updated.sandboxPolicy()).isEqualTo(policy);
    }

    /** §5.3 case 44, §3.5 check 5 counter-case: an absolute write grant on the old cwd stays where it was. */
    @Test
    void session_configuration_apply_preserves_absolute_cwd_write_root_on_cwd_update() throws Exception {
        Path defaultCwd = Files.createDirectories(temp.resolve("default-cwd"));
        Path originalCwd = Files.createDirectories(temp.resolve("workspace/repo-a"));
        Path nextCwd = Files.createDirectories(temp.resolve("workspace/repo-b"));
        PermissionProfile policy = PermissionProfile.restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, FileSystemAccess.READ),
                FileSystemSandboxEntry.of(originalCwd, FileSystemAccess.WRITE)), NetworkPolicy.RESTRICTED);
        SessionConfiguration current = with(new PermissionState.Legacy(policy), originalCwd, List.of(defaultCwd));

        SessionConfiguration updated = cwd(nextCwd.toString()).applyTo(current, PROCESS_DIR);

        assertThat(updated.permissions().effectiveProfile()).isEqualTo(policy);
        SandboxPlan plan = updated.permissions().realize(NO_TMP);
        assertThat(plan.isWritable(originalCwd)).isTrue();
        assertThat(plan.isWritable(nextCwd)).isFalse();
    }

    /** §5.3 case 45, §3.5 check 4 (core twin): roots, a symbolic profile, its id and its own roots in one op. */
    @Test
    void session_configuration_apply_rebinds_symbolic_profile_to_updated_workspace_roots() throws Exception {
        Path oldRoot = Files.createDirectories(temp.resolve("old"));
        Path newRoot = Files.createDirectories(temp.resolve("new"));
        Path profileRoot = Files.createDirectories(temp.resolve("profile"));
        SessionConfiguration current = with(new PermissionState.BuiltIn(BuiltInProfiles.WORKSPACE,
                PermissionProfile.workspaceWrite()), Path.of("/repo"), List.of(oldRoot));

        SessionConfiguration updated = turnContext(List.of(newRoot), PROJECT_ROOTS_WRITE,
                new ActivePermissionProfile("dev"), List.of(profileRoot)).applyTo(current, PROCESS_DIR);

        SandboxPlan plan = updated.permissions().realize(NO_TMP);
        assertThat(plan.isWritable(newRoot)).isTrue();
        assertThat(plan.isWritable(oldRoot)).isFalse();
        assertThat(updated.activePermissionProfile()).isEqualTo(new ActivePermissionProfile("dev"));
        assertThat(updated.profileWorkspaceRoots()).containsExactly(profileRoot.toString());
        assertThat(updated.permissionProfile()).isEqualTo(PermissionProfileJson.toJson(PROJECT_ROOTS_WRITE));
    }

    /** §5.3 case 46, §3.5 check 4: the stored {@code :workspace} is symbolic; a roots-only op moves its writes. */
    @Test
    void session_permission_profile_rebinds_runtime_workspace_roots() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path oldRoot = Path.of("/workspace/old");
        Path newRoot = Path.of("/workspace/new");
        SessionConfiguration current = base.withPermissions(ThreadPermissions.start(
                PermissionsConfig.parse("default_permissions = \":workspace\"\n", "config.toml", temp),
                ThreadStart.in(cwd).withAdditionalWritableRoots(List.of(oldRoot))));
        assertThat(current.permissionProfile().toString()).as("stored symbolic").doesNotContain(oldRoot.toString());
        assertThat(current.permissions().realize(NO_TMP).isWritable(oldRoot)).isTrue();

        SessionConfiguration updated = turnContext(List.of(newRoot), null, null, null).applyTo(current, PROCESS_DIR);

        SandboxPlan plan = updated.permissions().realize(NO_TMP);
        assertThat(plan.isWritable(newRoot)).isTrue();
        assertThat(plan.isWritable(oldRoot)).isFalse();
        assertThat(updated.activePermissionProfile()).isEqualTo(new ActivePermissionProfile(":workspace"));
    }

    /** §5.3 case 47: a profile sent by {@code override_turn_context} keeps the current deny-read entries. */
    @Test
    void session_configuration_apply_permission_profile_preserves_existing_deny_read_entries() throws Exception {
        Path cwd = temp.resolve("cwd");
        FileSystemSandboxEntry deny = FileSystemSandboxEntry.glob("**/*.env", FileSystemAccess.NONE);
        PermissionProfile requested = LegacySandboxPolicies.fromLegacy(SandboxPolicy.workspaceWrite(), cwd);
        List<FileSystemSandboxEntry> existingEntries = new ArrayList<>(requested.entries());
        existingEntries.add(deny);
        PermissionProfile existing = new PermissionProfile.Managed(
                new PermissionProfile.Restricted(existingEntries, 2), NetworkPolicy.RESTRICTED);
        SessionConfiguration current = with(new PermissionState.Legacy(existing), cwd, List.of(cwd));

        SessionConfiguration updated = profileOverride(requested).applyTo(current, PROCESS_DIR);

        List<FileSystemSandboxEntry> expected = new ArrayList<>(requested.materialize(List.of(cwd)).entries());
        expected.add(deny);
        assertThat(updated.permissions().effectiveProfile()).isEqualTo(new PermissionProfile.Managed(
                new PermissionProfile.Restricted(expected, 2), NetworkPolicy.RESTRICTED));
        assertThat(updated.permissions().realize(NO_TMP).isReadable(cwd.resolve("app/.env"))).isFalse();
    }

    /** §5.3 case 47: a profile writing a path directly is kept exactly; its legacy projection lists the path. */
    @Test
    void session_configuration_apply_permission_profile_accepts_direct_write_roots() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path externalWrite = Files.createDirectories(temp.resolve("external-write"));
        PermissionProfile profile = PermissionProfile.restricted(
                List.of(FileSystemSandboxEntry.of(externalWrite, FileSystemAccess.WRITE)), NetworkPolicy.RESTRICTED);
        SessionConfiguration current = with(new PermissionState.BuiltIn(BuiltInProfiles.WORKSPACE,
                PermissionProfile.workspaceWrite()), cwd, List.of(cwd));

        SessionConfiguration updated = profileOverride(profile).applyTo(current, PROCESS_DIR);

        assertThat(updated.permissionProfile()).isEqualTo(PermissionProfileJson.toJson(profile));
        assertThat(updated.sandboxPolicy()).isEqualTo(
                new SandboxPolicy.WorkspaceWrite(List.of(externalWrite.toString()), false, true, true));
        assertThat(updated.activePermissionProfile()).as("a different profile without an id has none").isNull();
    }

    /** §5.3 case 47: a split policy survives a cwd-only update unchanged (after materialisation). */
    @Test
    void session_configuration_apply_preserves_profile_file_system_policy_on_cwd_only_update() throws Exception {
        Path defaultCwd = Files.createDirectories(temp.resolve("default-cwd"));
        Path projectRoot = temp.resolve("project");
        Path originalCwd = projectRoot.resolve("subdir");
        Path docs = Files.createDirectories(originalCwd.resolve("docs"));
        PermissionProfile split = PermissionProfile.restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), FileSystemAccess.WRITE),
                FileSystemSandboxEntry.of(docs, FileSystemAccess.READ)), NetworkPolicy.RESTRICTED);
        SessionConfiguration current = with(new PermissionState.Legacy(split), originalCwd, List.of(defaultCwd));

        SessionConfiguration updated = cwd(projectRoot.toString()).applyTo(current, PROCESS_DIR);

        assertThat(updated.permissions().effectiveProfile()).isEqualTo(split.materialize(List.of(defaultCwd)));
        assertThat(updated.cwd()).isEqualTo(projectRoot.toString());
    }

    /** Op roots are absolute paths (upstream's {@code AbsolutePathBuf}); a relative one rejects the update. */
    @Test
    void relativeWorkspaceRootsInAnOpAreRejected() {
        assertThatThrownBy(() -> SettingsUpdate.of(withRoots(List.of("relative/root"))).applyTo(base, PROCESS_DIR))
                .isInstanceOf(SettingsRejectedException.class).hasMessageContaining("relative/root");
    }

    private static Op.UserInputWithTurnContext withRoots(List<String> roots) {
        return new Op.UserInputWithTurnContext(List.of(UserInput.text("x")), null, null, null, null, roots, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
