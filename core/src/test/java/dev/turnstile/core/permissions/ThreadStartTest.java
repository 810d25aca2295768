package dev.turnstile.core.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.sandbox.Sandbox;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec §3.2 and §3.4: permissions and runtime workspace roots at thread start. */
class ThreadStartTest {
    private static final SandboxEnvironment NO_TMP = SandboxEnvironment.none();

    @TempDir
    Path temp;

    private PermissionsConfig config(String toml) {
        return PermissionsConfig.parse(toml, "config.toml", temp.resolve("home"));
    }

    /**
     * §3.5 check 1, {@code thread_start.rs::thread_start_resolves_runtime_workspace_roots_against_cwd}: runtime
     * roots resolve against the effective cwd, and the cwd itself is not added.
     */
    @Test
    void thread_start_resolves_runtime_workspace_roots_against_cwd() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));
        Files.createDirectories(cwd.resolve("extra-root"));

        ThreadPermissions thread = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withRuntimeWorkspaceRoots(List.of("extra-root")));

        assertThat(thread.cwd()).isEqualTo(cwd);
        assertThat(thread.runtimeWorkspaceRoots()).containsExactly(cwd.resolve("extra-root"));
    }

    /**
     * §3.5 check 2, {@code thread_start.rs::thread_start_excludes_profile_workspace_roots_from_runtime_workspace_roots}:
     * the profile's own root is writable but is not reported as a runtime root.
     */
    @Test
    void thread_start_excludes_profile_workspace_roots_from_runtime_workspace_roots() throws Exception {
        Path profileRoot = Files.createDirectories(temp.resolve("P"));
        Path cwd = Files.createDirectories(temp.resolve("C"));
        PermissionsConfig config = config("""
                default_permissions = "dev"
                [permissions.dev.workspace_roots]
                "%s" = true
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                """.formatted(profileRoot));

        ThreadPermissions thread = ThreadPermissions.start(config, ThreadStart.in(cwd));

        assertThat(thread.runtimeWorkspaceRoots()).containsExactly(cwd);
        assertThat(thread.profileWorkspaceRoots()).containsExactly(profileRoot);
        SandboxPlan plan = thread.realize(NO_TMP);
        assertThat(plan.isWritable(profileRoot)).isTrue();
        assertThat(plan.isWritable(cwd)).isTrue();
    }

    /**
     * §5.3 case 49, {@code config_tests.rs::workspace_profile_applies_rules_to_runtime_and_profile_workspace_roots}
     * (#22610): the profile's rules apply under the cwd, the {@code --add-dir} root and the profile's own root.
     */
    @Test
    void workspace_profile_applies_rules_to_runtime_and_profile_workspace_roots() throws Exception {
        Path cwd = temp.resolve("frontend");
        Path runtimeRoot = temp.resolve("backend");
        Path profileRoot = temp.resolve("shared");
        for (Path root : List.of(cwd, runtimeRoot, profileRoot)) {
            Files.createDirectories(root.resolve(".git"));
            Files.createDirectories(root.resolve(".codex"));
        }
        PermissionsConfig config = config("""
                default_permissions = "dev"
                [permissions.dev.workspace_roots]
                "%s" = true
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                ".git" = "read"
                ".codex" = "read"
                """.formatted(profileRoot));

        ThreadPermissions thread = ThreadPermissions.start(config,
                ThreadStart.in(cwd).withAdditionalWritableRoots(List.of(runtimeRoot)));

        assertThat(thread.runtimeWorkspaceRoots()).containsExactly(cwd, runtimeRoot);
        assertThat(thread.effectiveWorkspaceRoots()).containsExactly(cwd, runtimeRoot, profileRoot);
        SandboxPlan plan = thread.realize(NO_TMP);
        for (Path root : List.of(cwd, runtimeRoot, profileRoot)) {
            assertThat(plan.isWritable(root)).as("%s writable", root).isTrue();
            assertThat(plan.isWritable(root.resolve("src/main.rs"))).isTrue();
            assertThat(plan.isWritable(root.resolve(".git"))).as(".git carve-out under %s", root).isFalse();
            assertThat(plan.isWritable(root.resolve(".git/config"))).isFalse();
            assertThat(plan.isWritable(root.resolve(".codex"))).as(".codex carve-out under %s", root).isFalse();
        }
        assertThat(thread.profileWorkspaceRoots()).containsExactly(profileRoot);
        assertThat(thread.activeProfile()).contains(new ActivePermissionProfile("dev"));
    }

    /** The stored profile keeps {@code :workspace_roots} symbolic; only the profile's own roots are baked in. */
    @Test
    void aNamedProfileIsStoredSymbolicallyWithItsOwnRootsBakedIn() throws Exception {
        Path profileRoot = Files.createDirectories(temp.resolve("P"));
        Path cwd = Files.createDirectories(temp.resolve("C"));
        PermissionsConfig config = config("""
                [permissions.dev.workspace_roots]
                "%s" = true
                [permissions.dev.filesystem.":workspace_roots"]
                "." = "write"
                """.formatted(profileRoot));

        ThreadPermissions thread = ThreadPermissions.start(config, ThreadStart.in(cwd).withPermissions("dev"));

        assertThat(thread.state()).isInstanceOf(PermissionState.Named.class);
        assertThat(thread.state().profile().hasSymbolicEntries()).isTrue();
        SandboxPlan storedAlone = Sandbox.realize(thread.state().profile().materialize(List.of()), cwd, NO_TMP);
        assertThat(storedAlone.isWritable(profileRoot)).isTrue();
        assertThat(storedAlone.isWritable(cwd)).as("the cwd is writable only as a runtime root").isFalse();
    }

    /**
     * §3.5 check 6 at the model level, {@code thread_summary_tests.rs::legacy_permission_profile_modifications_extend_runtime_roots}:
     * a legacy selection's extra root goes to {@code --add-dir} without a roots override, and is appended to the
     * override when there is one.
     */
    @Test
    void legacy_permission_profile_modifications_extend_runtime_roots() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));
        Path additional = Files.createDirectories(temp.resolve("additional-root"));

        ThreadPermissions viaAddDir = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withPermissions(BuiltInProfiles.WORKSPACE)
                        .withAdditionalWritableRoots(List.of(additional)));
        ThreadPermissions viaOverride = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withPermissions(BuiltInProfiles.WORKSPACE)
                        .withRuntimeWorkspaceRoots(List.of(additional.toString())));

        assertThat(viaAddDir.runtimeWorkspaceRoots()).containsExactly(cwd, additional);
        assertThat(viaOverride.runtimeWorkspaceRoots()).containsExactly(additional);
        assertThat(viaAddDir.activeProfile()).contains(new ActivePermissionProfile(":workspace"));
    }

    /** {@code default_permissions_can_select_builtin_full_access_profile}, {@code legacy_danger_no_sandbox_is_rejected}. */
    @Test
    void builtInsAreSelectedByIdAndUnknownOnesAreRejected() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));

        ThreadPermissions full = ThreadPermissions.start(config("default_permissions = \":danger-full-access\"\n"),
                ThreadStart.in(cwd));
        assertThat(full.effectiveProfile()).isEqualTo(PermissionProfile.disabled());
        assertThat(full.activeProfile()).contains(new ActivePermissionProfile(":danger-full-access"));

        assertThatThrownBy(() -> ThreadPermissions.start(config("default_permissions = \":danger-no-sandbox\"\n"),
                ThreadStart.in(cwd)))
                .isInstanceOf(PermissionException.class)
                .hasMessage("default_permissions refers to unknown built-in profile `:danger-no-sandbox`");
    }

    /**
     * {@code empty_config_defaults_to_builtin_profile_for_trusted_project} and
     * {@code empty_config_defaults_to_builtin_read_only_without_trust_decision}.
     */
    @Test
    void withNothingConfiguredTheTrustDecisionPicksTheBuiltIn() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));

        ThreadPermissions trusted = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withTrust(ProjectTrust.TRUSTED));
        ThreadPermissions undecided = ThreadPermissions.start(PermissionsConfig.empty(), ThreadStart.in(cwd));

        assertThat(trusted.activeProfile()).contains(new ActivePermissionProfile(":workspace"));
        assertThat(trusted.realize(NO_TMP).isWritable(cwd)).isTrue();
        assertThat(trusted.realize(NO_TMP).isWritable(cwd.resolve(".codex"))).isFalse();
        assertThat(undecided.activeProfile()).contains(new ActivePermissionProfile(":read-only"));
        assertThat(undecided.realize(NO_TMP).isWritable(cwd)).isFalse();
        assertThat(undecided.realize(NO_TMP).isReadable(cwd)).isTrue();
    }

    /**
     * {@code implicit_builtin_workspace_profile_preserves_sandbox_workspace_write_settings} and
     * {@code explicit_builtin_workspace_profile_ignores_legacy_workspace_write_settings}.
     */
    @Test
    void legacyWorkspaceWriteSettingsApplyOnlyToTheImplicitWorkspaceProfile() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));
        Path extra = Files.createDirectories(temp.resolve("extra"));
        String legacy = """
                [sandbox_workspace_write]
                writable_roots = ["%s"]
                network_access = true
                exclude_tmpdir_env_var = true
                """.formatted(extra);

        ThreadPermissions implicit = ThreadPermissions.start(config(legacy),
                ThreadStart.in(cwd).withTrust(ProjectTrust.TRUSTED));
        assertThat(implicit.activeProfile()).as("an id alone would not reproduce the legacy settings").isEmpty();
        assertThat(implicit.runtimeWorkspaceRoots()).containsExactly(cwd, extra);
        assertThat(implicit.realize(NO_TMP).isWritable(extra)).isTrue();
        assertThat(implicit.legacySandboxPolicy(NO_TMP))
                .isEqualTo(new SandboxPolicy.WorkspaceWrite(List.of(extra.toString()), true, true, false));

        ThreadPermissions explicit = ThreadPermissions.start(config(legacy),
                ThreadStart.in(cwd).withPermissions(BuiltInProfiles.WORKSPACE));
        assertThat(explicit.runtimeWorkspaceRoots()).containsExactly(cwd);
        assertThat(explicit.effectiveProfile().network().isEnabled()).isFalse();
        assertThat(explicit.realize(NO_TMP).isWritable(extra)).isFalse();
    }

    /** {@code default_permissions_read_only_keeps_add_dir_read_only}. */
    @Test
    void readOnlyKeepsAddDirRootsReadOnly() throws Exception {
        Path cwd = Files.createDirectories(temp.resolve("C"));
        Path extra = Files.createDirectories(temp.resolve("extra"));

        ThreadPermissions thread = ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(cwd).withPermissions(BuiltInProfiles.READ_ONLY)
                        .withAdditionalWritableRoots(List.of(extra)));

        assertThat(thread.runtimeWorkspaceRoots()).containsExactly(cwd, extra);
        assertThat(thread.realize(NO_TMP).isWritable(extra)).isFalse();
    }
}
