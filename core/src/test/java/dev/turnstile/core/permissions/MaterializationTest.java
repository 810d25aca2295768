package dev.turnstile.core.permissions;

import static dev.turnstile.core.permissions.model.FileSystemAccess.NONE;
import static dev.turnstile.core.permissions.model.FileSystemAccess.READ;
import static dev.turnstile.core.permissions.model.FileSystemAccess.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §3.1 "Materialization" and the built-in profiles; §5.3 case 48. */
class MaterializationTest {
    private static final Path FIRST = Path.of("/t/first");
    private static final Path SECOND = Path.of("/t/second");

    private static final PermissionProfile SYMBOLIC = PermissionProfile.restricted(List.of(
            FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
            FileSystemSandboxEntry.of(SpecialPath.projectRoots(".git"), READ),
            new FileSystemSandboxEntry(FileSystemPath.projectRootsGlob("**/*.env"), NONE)), NetworkPolicy.RESTRICTED);

    /** §5.3 case 48: {@code codex-rs/protocol/src/permissions.rs}, the §3.1 example exactly. */
    @Test
    void materialize_project_roots_with_workspace_roots_expands_exact_and_glob_entries() {
        PermissionProfile materialized = SYMBOLIC.materialize(List.of(FIRST, SECOND));

        assertThat(materialized.entries()).containsExactly(
                FileSystemSandboxEntry.of(Path.of("/t/first"), WRITE),
                FileSystemSandboxEntry.of(Path.of("/t/second"), WRITE),
                FileSystemSandboxEntry.of(Path.of("/t/first/.git"), READ),
                FileSystemSandboxEntry.of(Path.of("/t/second/.git"), READ),
                FileSystemSandboxEntry.glob("/t/first/**/*.env", NONE),
                FileSystemSandboxEntry.glob("/t/second/**/*.env", NONE));
        assertThat(materialized.hasSymbolicEntries()).isFalse();
        assertThat(SYMBOLIC.hasSymbolicEntries()).as("materialisation returns a new value").isTrue();
    }

    @Test
    void materializingWithNoRootsDropsTheSymbolicEntriesAndKeepsTheOthersInOrder() {
        PermissionProfile profile = PermissionProfile.restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(Path.of("/docs"), READ),
                FileSystemSandboxEntry.glob("/abs/*.pem", NONE)), NetworkPolicy.ENABLED);

        assertThat(profile.materialize(List.of()).entries()).containsExactly(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(Path.of("/docs"), READ),
                FileSystemSandboxEntry.glob("/abs/*.pem", NONE));
        assertThat(profile.materialize(List.of()).network()).isEqualTo(NetworkPolicy.ENABLED);
    }

    @Test
    void materializingLeavesUnsandboxedProfilesAlone() {
        assertThat(PermissionProfile.disabled().materialize(List.of(FIRST))).isEqualTo(PermissionProfile.disabled());
        PermissionProfile external = new PermissionProfile.External(NetworkPolicy.ENABLED);
        assertThat(external.materialize(List.of(FIRST))).isEqualTo(external);
    }

    /** Spec §3.1 "Two kinds of workspace roots": profile roots are baked in next to the symbolic entries. */
    @Test
    void profileRootsAreBakedInNextToTheStillSymbolicEntries() {
        PermissionProfile baked = SYMBOLIC.withProfileRootsBakedIn(List.of(Path.of("/p")));

        assertThat(baked.entries()).containsExactly(
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".git"), READ),
                new FileSystemSandboxEntry(FileSystemPath.projectRootsGlob("**/*.env"), NONE),
                FileSystemSandboxEntry.of(Path.of("/p"), WRITE),
                FileSystemSandboxEntry.of(Path.of("/p/.git"), READ),
                FileSystemSandboxEntry.glob("/p/**/*.env", NONE));
        assertThat(baked.materialize(List.of(FIRST)).entries()).contains(
                FileSystemSandboxEntry.of(Path.of("/p"), WRITE), FileSystemSandboxEntry.of(FIRST, WRITE));
    }

    /** {@code FileSystemSandboxPolicy::workspace_write}: the entries of {@code :workspace}, in upstream's order. */
    @Test
    void theWorkspaceBuiltInHasTheEntriesOfSection31() {
        assertThat(BuiltInProfiles.profile(BuiltInProfiles.WORKSPACE)).isEqualTo(PermissionProfile.restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(SpecialPath.SLASH_TMP, WRITE),
                FileSystemSandboxEntry.of(SpecialPath.TMPDIR, WRITE),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".git"), READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".agents"), READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".codex"), READ)), NetworkPolicy.RESTRICTED));
        assertThat(PermissionProfile.workspaceWrite(List.of(), NetworkPolicy.RESTRICTED, true, true).entries())
                .as("the tmp entries are dropped when the legacy exclude flags are set")
                .doesNotContain(FileSystemSandboxEntry.of(SpecialPath.SLASH_TMP, WRITE),
                        FileSystemSandboxEntry.of(SpecialPath.TMPDIR, WRITE));
        assertThat(BuiltInProfiles.profile(BuiltInProfiles.READ_ONLY)).isEqualTo(PermissionProfile.restricted(
                List.of(FileSystemSandboxEntry.of(SpecialPath.ROOT, READ)), NetworkPolicy.RESTRICTED));
        assertThat(BuiltInProfiles.profile(BuiltInProfiles.DANGER_FULL_ACCESS)).isEqualTo(PermissionProfile.disabled());
    }

    @Test
    void unknownBuiltInIdsAreRejectedWithUpstreamsMessage() {
        assertThatThrownBy(() -> BuiltInProfiles.profile(":danger-no-sandbox"))
                .isInstanceOf(PermissionException.class)
                .hasMessage("default_permissions refers to unknown built-in profile `:danger-no-sandbox`");
        assertThatThrownBy(() -> ProfileResolver.resolve(null, ":unknown", Path.of("/repo")))
                .hasMessage("default_permissions refers to unknown built-in profile `:unknown`");
    }

    /** {@code default_builtin_permission_profile_name}: trusted or explicitly untrusted gets :workspace. */
    @Test
    void theImplicitDefaultFollowsTheProjectsTrustDecision() {
        assertThat(BuiltInProfiles.implicitDefault(ProjectTrust.TRUSTED, false)).isEqualTo(BuiltInProfiles.WORKSPACE);
        assertThat(BuiltInProfiles.implicitDefault(ProjectTrust.UNTRUSTED, false)).isEqualTo(BuiltInProfiles.WORKSPACE);
        assertThat(BuiltInProfiles.implicitDefault(ProjectTrust.UNDECIDED, false)).isEqualTo(BuiltInProfiles.READ_ONLY);
        assertThat(BuiltInProfiles.implicitDefault(ProjectTrust.TRUSTED, true))
                .as("Windows without a sandbox").isEqualTo(BuiltInProfiles.READ_ONLY);
    }

    @Test
    void aProjectRootsSubpathMayNotEscapeItsRoot() {
        assertThatThrownBy(() -> SpecialPath.projectRoots("../outside"))
                .isInstanceOf(PermissionException.class)
                .hasMessageContaining("`../outside` escapes the workspace root through `..`");
        assertThatThrownBy(() -> new SpecialPath.ProjectRoots(Path.of("/abs")))
                .hasMessageContaining("must be relative");
        assertThat(SpecialPath.projectRoots("./docs/.")).isEqualTo(SpecialPath.projectRoots("docs"));
    }
}
