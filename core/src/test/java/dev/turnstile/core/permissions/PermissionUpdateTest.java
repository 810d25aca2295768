package dev.turnstile.core.permissions;

import static dev.turnstile.core.permissions.model.FileSystemAccess.NONE;
import static dev.turnstile.core.permissions.model.FileSystemAccess.READ;
import static dev.turnstile.core.permissions.model.FileSystemAccess.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import dev.turnstile.core.permissions.sandbox.Sandbox;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec §3.3, the settings-update rules ({@code SessionConfiguration::apply}), as {@link ThreadPermissions#apply};
 * §5.3 cases 42–47 and the model-level part of §3.5 checks 3 and 4. Test names are upstream's.
 */
class PermissionUpdateTest {
    private static final SandboxEnvironment NO_TMP = SandboxEnvironment.none();
    private static final PermissionProfile PROJECT_ROOTS_WRITE = PermissionProfile.restricted(
            List.of(FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE)), NetworkPolicy.RESTRICTED);

    @TempDir
    Path temp;
    /** What upstream's {@code make_session_configuration_for_tests} starts from: some cwd, itself the only root. */
    private Path defaultCwd;
    private Path processDir;

    @BeforeEach
    void setUp() throws Exception {
        defaultCwd = Files.createDirectories(temp.resolve("default-cwd"));
        processDir = Files.createDirectories(temp.resolve("process"));
    }

    private ThreadPermissions session(PermissionState state, Path cwd, List<Path> roots) {
        return new ThreadPermissions(state, cwd, roots);
    }

    private ThreadPermissions apply(ThreadPermissions thread, PermissionUpdate update) {
        return thread.apply(update, processDir, NO_TMP);
    }

    private static PermissionState legacy(PermissionProfile profile) {
        return new PermissionState.Legacy(profile);
    }

    /** §5.3 case 42, §3.5 check 5: a cwd-only update retargets the implicit cwd root and keeps the extra roots. */
    @Test
    void session_configuration_apply_retargets_implicit_workspace_root_on_cwd_update() throws Exception {
        Path oldRoot = Files.createDirectories(temp.resolve("old"));
        Path newRoot = Files.createDirectories(temp.resolve("new"));
        Path extraRoot = Files.createDirectories(temp.resolve("extra"));
        ThreadPermissions thread = session(legacy(PROJECT_ROOTS_WRITE), oldRoot, List.of(oldRoot, extraRoot));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withCwd(newRoot));

        assertThat(updated.runtimeWorkspaceRoots()).containsExactly(newRoot, extraRoot);
        SandboxPlan plan = updated.realize(NO_TMP);
        assertThat(plan.isWritable(newRoot)).isTrue();
        assertThat(plan.isWritable(extraRoot)).isTrue();
        assertThat(plan.isWritable(oldRoot)).isFalse();
    }

    /** §5.3 case 43, §3.5 check 5 (legacy twin): a legacy workspace-write thread follows its cwd. */
    @Test
    void session_configuration_apply_retargets_legacy_workspace_root_on_cwd_update() {
        Path originalCwd = temp.resolve("workspace/repo-a");
        Path projectRoot = temp.resolve("workspace/repo-b");
        SandboxPolicy policy = new SandboxPolicy.WorkspaceWrite(List.of(), false, true, true);
        ThreadPermissions thread = ThreadPermissions.legacy(policy, originalCwd, List.of(originalCwd));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withCwd(projectRoot));

        assertThat(updated.runtimeWorkspaceRoots()).containsExactly(projectRoot);
        SandboxPlan plan = updated.realize(NO_TMP);
        assertThat(plan.isWritable(projectRoot)).as("the new cwd is writable").isTrue();
        assertThat(plan.isWritable(originalCwd)).as("the old implicit cwd is not").isFalse();
        assertThat(updated.legacySandboxPolicy(NO_TMP)).isEqualTo(policy);
    }

    /** §5.3 case 44, §3.5 check 5 counter-case: an absolute grant on the old cwd is not rebound. */
    @Test
    void session_configuration_apply_preserves_absolute_cwd_write_root_on_cwd_update() throws Exception {
        Path originalCwd = Files.createDirectories(temp.resolve("workspace/repo-a"));
        Path nextCwd = Files.createDirectories(temp.resolve("workspace/repo-b"));
        PermissionProfile policy = PermissionProfile.restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(originalCwd, WRITE)), NetworkPolicy.RESTRICTED);
        ThreadPermissions thread = session(legacy(policy), originalCwd, List.of(defaultCwd));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withCwd(nextCwd));

        assertThat(updated.effectiveProfile()).isEqualTo(policy);
        SandboxPlan plan = updated.realize(NO_TMP);
        assertThat(plan.isWritable(originalCwd)).as("absolute grant to the old cwd stays").isTrue();
        assertThat(plan.isWritable(nextCwd)).as("not reinterpreted as :workspace_roots").isFalse();
    }

    /** §5.3 case 45, §3.5 check 4 (core twin). */
    @Test
    void session_configuration_apply_rebinds_symbolic_profile_to_updated_workspace_roots() throws Exception {
        Path oldRoot = Files.createDirectories(temp.resolve("old"));
        Path newRoot = Files.createDirectories(temp.resolve("new"));
        Path profileRoot = Files.createDirectories(temp.resolve("profile"));
        ThreadPermissions thread = session(new PermissionState.BuiltIn(BuiltInProfiles.WORKSPACE,
                PermissionProfile.workspaceWrite()), defaultCwd, List.of(oldRoot));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withWorkspaceRoots(List.of(newRoot))
                .withPermissionProfile(PROJECT_ROOTS_WRITE, new ActivePermissionProfile("dev"), List.of(profileRoot)));

        SandboxPlan plan = updated.realize(NO_TMP);
        assertThat(plan.isWritable(newRoot)).isTrue();
        assertThat(plan.isWritable(oldRoot)).isFalse();
        assertThat(updated.activeProfile()).contains(new ActivePermissionProfile("dev"));
        assertThat(updated.profileWorkspaceRoots()).containsExactly(profileRoot);
        assertThat(updated.state()).isInstanceOf(PermissionState.Named.class);
    }

    /** §5.3 case 46, §3.5 check 4: {@code session_permission_profile_rebinds_runtime_workspace_roots}. */
    @Test
    void session_permission_profile_rebinds_runtime_workspace_roots() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path oldRoot = Path.of("/workspace/old");
        Path newRoot = Path.of("/workspace/new");
        ThreadPermissions thread = ThreadPermissions.start(
                PermissionsConfig.parse("default_permissions = \":workspace\"\n", "config.toml", temp),
                ThreadStart.in(cwd).withAdditionalWritableRoots(List.of(oldRoot)));

        SandboxPlan storedAlone = Sandbox.realize(thread.state().profile(), cwd, NO_TMP);
        assertThat(storedAlone.isWritable(oldRoot)).as("the stored profile is symbolic").isFalse();
        assertThat(thread.realize(NO_TMP).isWritable(oldRoot)).as("the effective profile grants it").isTrue();

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withWorkspaceRoots(List.of(newRoot)));

        assertThat(updated.realize(NO_TMP).isWritable(newRoot)).isTrue();
        assertThat(updated.realize(NO_TMP).isWritable(oldRoot)).isFalse();
        assertThat(updated.activeProfile()).contains(new ActivePermissionProfile(":workspace"));
    }

    /** §5.3 case 47, §3.5 "Other related checks": a new profile keeps the current deny-read entries. */
    @Test
    void session_configuration_apply_permission_profile_preserves_existing_deny_read_entries() {
        Path cwd = temp.resolve("cwd");
        SandboxPolicy workspacePolicy = SandboxPolicy.workspaceWrite();
        FileSystemSandboxEntry deny = FileSystemSandboxEntry.glob("**/*.env", NONE);
        PermissionProfile requested = LegacySandboxPolicies.fromLegacy(workspacePolicy, cwd);
        List<FileSystemSandboxEntry> existingEntries = new ArrayList<>(requested.entries());
        existingEntries.add(deny);
        PermissionProfile existing = new PermissionProfile.Managed(
                new PermissionProfile.Restricted(existingEntries, 2), NetworkPolicy.RESTRICTED);
        ThreadPermissions thread = session(legacy(existing), cwd, List.of(cwd));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withPermissionProfile(requested, null, null));

        List<FileSystemSandboxEntry> expected = new ArrayList<>(requested.materialize(List.of(cwd)).entries());
        expected.add(deny);
        assertThat(updated.effectiveProfile()).isEqualTo(new PermissionProfile.Managed(
                new PermissionProfile.Restricted(expected, 2), NetworkPolicy.RESTRICTED));
        assertThat(updated.realize(NO_TMP).isReadable(cwd.resolve("app/.env"))).isFalse();
        assertThat(updated.realize(NO_TMP).isReadable(cwd.resolve("app/main.rs"))).isTrue();
    }

    /** §5.3 case 47: a profile that writes a path directly is kept as is; its legacy projection lists the path. */
    @Test
    void session_configuration_apply_permission_profile_accepts_direct_write_roots() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path externalWrite = Files.createDirectories(temp.resolve("external-write"));
        PermissionProfile profile = PermissionProfile.restricted(
                List.of(FileSystemSandboxEntry.of(externalWrite, WRITE)), NetworkPolicy.RESTRICTED);
        ThreadPermissions thread = session(new PermissionState.BuiltIn(BuiltInProfiles.WORKSPACE,
                PermissionProfile.workspaceWrite()), cwd, List.of(cwd));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withPermissionProfile(profile, null, null));

        assertThat(updated.effectiveProfile()).isEqualTo(profile);
        assertThat(updated.legacySandboxPolicy(NO_TMP)).isEqualTo(
                new SandboxPolicy.WorkspaceWrite(List.of(externalWrite.toString()), false, true, true));
        assertThat(updated.activeProfile()).as("a different profile without an id has none").isEmpty();
    }

    /** §5.3 case 47: a split policy survives a cwd-only update unchanged (after materialisation). */
    @Test
    void session_configuration_apply_preserves_profile_file_system_policy_on_cwd_only_update() throws Exception {
        Path projectRoot = temp.resolve("project");
        Path originalCwd = projectRoot.resolve("subdir");
        Path docs = Files.createDirectories(originalCwd.resolve("docs"));
        PermissionProfile split = PermissionProfile.restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(docs, READ)), NetworkPolicy.RESTRICTED);
        ThreadPermissions thread = session(legacy(split), originalCwd, List.of(defaultCwd));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withCwd(projectRoot));

        assertThat(updated.effectiveProfile()).isEqualTo(split.materialize(List.of(defaultCwd)));
        assertThat(updated.cwd()).isEqualTo(projectRoot);
    }

    /**
     * §3.5 check 3 at the model level ({@code thread_resume.rs::turn_start_updates_runtime_workspace_roots_for_loaded_thread}):
     * {@code E} and {@code E/.} collapse, and the roots-only update is what the thread keeps for later turns.
     */
    @Test
    void turn_start_updates_runtime_workspace_roots_for_loaded_thread() throws Exception {
        Path e = Files.createDirectories(temp.resolve("E"));
        ThreadPermissions thread = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(defaultCwd).withTrust(ProjectTrust.TRUSTED));

        ThreadPermissions afterTurn = apply(thread, PermissionUpdate.NONE.withWorkspaceRoots(
                List.of(e, Path.of(e + "/."))));
        ThreadPermissions afterNextTurn = apply(afterTurn, PermissionUpdate.NONE);

        assertThat(afterTurn.runtimeWorkspaceRoots()).containsExactly(e);
        assertThat(afterNextTurn.runtimeWorkspaceRoots()).as("what resume reports").containsExactly(e);
        assertThat(afterNextTurn.realize(NO_TMP).isWritable(e)).isTrue();
        assertThat(afterNextTurn.realize(NO_TMP).isWritable(defaultCwd)).isFalse();
    }

    /**
     * §3.5 check 4 at the model level ({@code turn_start.rs::turn_start_permission_profile_rebinds_runtime_workspace_roots_between_turns}):
     * a named profile selected on one turn stays symbolic, so a later roots-only turn moves the writable set.
     */
    @Test
    void turn_start_permission_profile_rebinds_runtime_workspace_roots_between_turns() throws Exception {
        Path oldRoot = Files.createDirectories(temp.resolve("OLD"));
        Path newRoot = Files.createDirectories(temp.resolve("NEW"));
        PermissionsConfig config = PermissionsConfig.parse("""
                default_permissions = "dev"
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                """, "config.toml", temp);
        ThreadPermissions thread = ThreadPermissions.start(config, ThreadStart.in(defaultCwd));

        PermissionState dev = ProfileResolver.resolve(config, "dev", thread.cwd());
        ThreadPermissions turn1 = apply(thread, PermissionUpdate.NONE.withWorkspaceRoots(List.of(oldRoot))
                .withSelectedProfile(dev));
        ThreadPermissions turn2 = apply(turn1, PermissionUpdate.NONE.withWorkspaceRoots(List.of(newRoot)));

        assertThat(turn1.realize(NO_TMP).writableRootPaths()).containsExactly(oldRoot);
        assertThat(turn2.realize(NO_TMP).writableRootPaths()).containsExactly(newRoot);
        assertThat(turn2.activeProfile()).contains(new ActivePermissionProfile("dev"));
    }

    /** Spec §1.2 row 11 / §3.3: a legacy sandbox policy re-derives for the new cwd and drops the profile's id. */
    @Test
    void aSandboxPolicyUpdateDerivesForTheNewCwdKeepsDeniesAndDropsTheId() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path next = Files.createDirectories(temp.resolve("next"));
        List<FileSystemSandboxEntry> entries = new ArrayList<>(PermissionProfile.workspaceWrite().entries());
        entries.add(FileSystemSandboxEntry.of(cwd.resolve("secrets"), NONE));
        ThreadPermissions thread = session(new PermissionState.Named("dev", null,
                PermissionProfile.restricted(entries, NetworkPolicy.RESTRICTED), List.of()), cwd, List.of(cwd));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withCwd(next)
                .withSandboxPolicy(SandboxPolicy.readOnly()));

        assertThat(updated.state()).isInstanceOf(PermissionState.Legacy.class);
        assertThat(updated.activeProfile()).isEmpty();
        assertThat(updated.effectiveProfile().entries()).containsExactly(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(cwd.resolve("secrets"), NONE));
        assertThat(updated.realize(NO_TMP).isReadable(cwd.resolve("secrets/key"))).isFalse();
    }

    /**
     * §3.3 step 5, third branch, as upstream computes it: the rebindable-write test sees the materialised
     * policy, which has no {@code project_roots} entry left, so a cwd-only update never turns a built-in into
     * legacy permissions (Derived). The profile and its id survive; the roots are retargeted.
     */
    @Test
    void aCwdOnlyUpdateKeepsTheBuiltInProfileAndItsId() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        Path next = Files.createDirectories(temp.resolve("next"));
        ThreadPermissions thread = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withTrust(ProjectTrust.TRUSTED));

        ThreadPermissions updated = apply(thread, PermissionUpdate.NONE.withCwd(next));

        assertThat(updated.state()).isEqualTo(thread.state());
        assertThat(updated.runtimeWorkspaceRoots()).containsExactly(next);
        assertThat(updated.realize(NO_TMP).writableRootPaths()).containsExactly(next);
    }

    /** An unchanged profile sent without an id keeps the current id; an explicit id wins. */
    @Test
    void theCurrentIdIsKeptWhenTheSameEffectiveProfileIsSentWithoutOne() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("cwd"));
        ThreadPermissions thread = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withTrust(ProjectTrust.TRUSTED));

        ThreadPermissions same = apply(thread, PermissionUpdate.NONE
                .withPermissionProfile(thread.effectiveProfile(), null, null));

        assertThat(same.activeProfile()).contains(new ActivePermissionProfile(":workspace"));
    }

    @Test
    void aRelativeCwdResolvesAgainstTheProcessDirectoryAndRelativeRootsAreRejected() throws Exception {
        ThreadPermissions thread = ThreadPermissions.start(PermissionsConfig.empty(), ThreadStart.in(defaultCwd));

        assertThat(apply(thread, PermissionUpdate.NONE.withCwd(Path.of("sub/../dir"))).cwd())
                .isEqualTo(processDir.resolve("dir"));
        assertThatThrownBy(() -> apply(thread, PermissionUpdate.NONE.withWorkspaceRoots(List.of(Path.of("rel")))))
                .isInstanceOf(PermissionException.class)
                .hasMessage("workspace root `rel` must be an absolute path");
        assertThatThrownBy(() -> apply(thread, PermissionUpdate.NONE.withWorkspaceRoots(
                List.of(Path.of(defaultCwd + "/../elsewhere")))))
                .hasMessage("workspace root `" + defaultCwd + "/../elsewhere` escapes through `..`; give it without `..` "
                        + "components");
    }
}
