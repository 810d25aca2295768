package dev.turnstile.core.permissions;

import static dev.turnstile.core.permissions.model.FileSystemAccess.NONE;
import static dev.turnstile.core.permissions.model.FileSystemAccess.READ;
import static dev.turnstile.core.permissions.model.FileSystemAccess.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.NetworkPolicy;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.protocol.policy.NetworkAccess;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §1.7 and §3.1: the legacy {@code SandboxPolicy} projection, both ways. */
class LegacySandboxPoliciesTest {
    private static final Path CWD = Path.of("/work/repo");

    private static PermissionProfile restricted(NetworkPolicy network, FileSystemSandboxEntry... entries) {
        return PermissionProfile.restricted(List.of(entries), network);
    }

    @Test
    void eachProfileKindProjectsToItsLegacyPolicy() {
        assertThat(LegacySandboxPolicies.toLegacy(PermissionProfile.disabled(), CWD))
                .isEqualTo(SandboxPolicy.dangerFullAccess());
        assertThat(LegacySandboxPolicies.toLegacy(new PermissionProfile.External(NetworkPolicy.ENABLED), CWD))
                .isEqualTo(new SandboxPolicy.ExternalSandbox(NetworkAccess.ENABLED));
        assertThat(LegacySandboxPolicies.toLegacy(PermissionProfile.readOnly(), CWD))
                .isEqualTo(SandboxPolicy.readOnly());
        assertThat(LegacySandboxPolicies.toLegacy(PermissionProfile.workspaceWrite().materialize(List.of(CWD)), CWD))
                .isEqualTo(SandboxPolicy.workspaceWrite());
        assertThat(LegacySandboxPolicies.toLegacy(
                new PermissionProfile.Managed(new PermissionProfile.Unrestricted(), NetworkPolicy.RESTRICTED), CWD))
                .as("full disk without the network").isEqualTo(new SandboxPolicy.ExternalSandbox(NetworkAccess.RESTRICTED));
        assertThat(LegacySandboxPolicies.toLegacy(restricted(NetworkPolicy.ENABLED,
                FileSystemSandboxEntry.of(SpecialPath.ROOT, WRITE)), CWD)).isEqualTo(SandboxPolicy.dangerFullAccess());
    }

    @Test
    void extraWritePathsBecomeWritableRootsNextToTheWorkspace() {
        PermissionProfile profile = PermissionProfile.workspaceWrite(List.of(), NetworkPolicy.ENABLED, true, false)
                .materialize(List.of(CWD, Path.of("/work/extra")));

        assertThat(LegacySandboxPolicies.toLegacy(profile, CWD))
                .isEqualTo(new SandboxPolicy.WorkspaceWrite(List.of("/work/extra"), true, true, false));
    }

    @Test
    void writesOutsideTheWorkspaceAreNotRepresentableAndFallBackToACompatibilityPolicy() {
        PermissionProfile profile = restricted(NetworkPolicy.RESTRICTED, FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(Path.of("/elsewhere"), WRITE));

        assertThatThrownBy(() -> LegacySandboxPolicies.toLegacy(profile, CWD))
                .isInstanceOf(PermissionException.class)
                .hasMessage(LegacySandboxPolicies.NOT_REPRESENTABLE);
        assertThat(LegacySandboxPolicies.toLegacyOrCompatible(profile, CWD, SandboxEnvironment.none()))
                .isEqualTo(new SandboxPolicy.WorkspaceWrite(List.of("/elsewhere"), false, true, true));
    }

    /** {@code permissions.rs::unknown_special_paths_are_ignored_by_legacy_bridge}. */
    @Test
    void unknown_special_paths_are_ignored_by_legacy_bridge() {
        PermissionProfile profile = restricted(NetworkPolicy.RESTRICTED,
                FileSystemSandboxEntry.of(new SpecialPath.Unknown(":future_special_path", null), WRITE));

        assertThat(LegacySandboxPolicies.toLegacy(profile, Path.of("/tmp/workspace"))).isEqualTo(SandboxPolicy.readOnly());
    }

    @Test
    void eachLegacyPolicyBecomesItsProfile() {
        assertThat(LegacySandboxPolicies.fromLegacy(SandboxPolicy.dangerFullAccess(), CWD))
                .isEqualTo(PermissionProfile.disabled());
        assertThat(LegacySandboxPolicies.fromLegacy(new SandboxPolicy.ExternalSandbox(NetworkAccess.ENABLED), CWD))
                .isEqualTo(new PermissionProfile.External(NetworkPolicy.ENABLED));
        assertThat(LegacySandboxPolicies.fromLegacy(new SandboxPolicy.ReadOnly(true), CWD))
                .isEqualTo(restricted(NetworkPolicy.ENABLED, FileSystemSandboxEntry.of(SpecialPath.ROOT, READ)));

        PermissionProfile workspace = LegacySandboxPolicies.fromLegacy(
                new SandboxPolicy.WorkspaceWrite(List.of("/work/extra"), false, true, true), CWD);
        assertThat(workspace.entries()).containsExactly(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(), WRITE),
                FileSystemSandboxEntry.of(Path.of("/work/extra"), WRITE),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".git"), READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".agents"), READ),
                FileSystemSandboxEntry.of(SpecialPath.projectRoots(".codex"), READ),
                FileSystemSandboxEntry.of(Path.of("/work/extra/.git"), READ),
                FileSystemSandboxEntry.of(Path.of("/work/extra/.agents"), READ),
                FileSystemSandboxEntry.of(Path.of("/work/extra/.codex"), READ),
                FileSystemSandboxEntry.of(CWD.resolve(".git"), READ),
                FileSystemSandboxEntry.of(CWD.resolve(".agents"), READ),
                FileSystemSandboxEntry.of(CWD.resolve(".codex"), READ));
    }

    @Test
    void bothWaysRoundTripForEveryLegacyPolicy() {
        for (SandboxPolicy policy : List.of(SandboxPolicy.dangerFullAccess(), SandboxPolicy.readOnly(),
                new SandboxPolicy.ReadOnly(true), new SandboxPolicy.ExternalSandbox(NetworkAccess.RESTRICTED),
                SandboxPolicy.workspaceWrite(), new SandboxPolicy.WorkspaceWrite(List.of("/a", "/b"), true, true, false))) {
            PermissionProfile profile = LegacySandboxPolicies.fromLegacy(policy, CWD).materialize(List.of(CWD));
            assertThat(LegacySandboxPolicies.toLegacy(profile, CWD)).as("%s", policy).isEqualTo(policy);
        }
    }

    @Test
    void aLegacyRederivationKeepsTheDenyEntriesAndTheScanDepth() {
        PermissionProfile existing = new PermissionProfile.Managed(new PermissionProfile.Restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.glob("/work/repo/**/*.env", NONE)), 4), NetworkPolicy.RESTRICTED);

        PermissionProfile rebuilt = LegacySandboxPolicies.fromLegacyPreservingDenies(SandboxPolicy.readOnly(), CWD,
                existing);

        assertThat(rebuilt).isEqualTo(new PermissionProfile.Managed(new PermissionProfile.Restricted(List.of(
                FileSystemSandboxEntry.of(SpecialPath.ROOT, READ),
                FileSystemSandboxEntry.glob("/work/repo/**/*.env", NONE)), 4), NetworkPolicy.RESTRICTED));
        assertThat(LegacySandboxPolicies.fromLegacyPreservingDenies(SandboxPolicy.dangerFullAccess(), CWD, existing))
                .as("nothing to keep denies in").isEqualTo(PermissionProfile.disabled());
    }
}
