package dev.turnstile.core.permissions;

import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;

/**
 * The permission part of a settings update (upstream {@code SessionSettingsUpdate}); every member is optional
 * (null = unchanged). Applied by {@link ThreadPermissions#apply}.
 *
 * @param cwd                     a new cwd; a relative one resolves against the process directory (spec B.6)
 * @param workspaceRoots          the new runtime roots, replacing the list (absolute)
 * @param profileWorkspaceRoots   the roots of the profile sent in {@code permissionProfile} (absolute)
 * @param sandboxPolicy           a legacy sandbox policy (ignored when a profile is sent)
 * @param permissionProfile       a new profile, symbolic
 * @param activePermissionProfile the id of that profile
 */
public record PermissionUpdate(Path cwd, List<Path> workspaceRoots, List<Path> profileWorkspaceRoots,
                               SandboxPolicy sandboxPolicy, PermissionProfile permissionProfile,
                               ActivePermissionProfile activePermissionProfile) {
    public static final PermissionUpdate NONE = new PermissionUpdate(null, null, null, null, null, null);

    public PermissionUpdate {
        workspaceRoots = workspaceRoots == null ? null : List.copyOf(workspaceRoots);
        profileWorkspaceRoots = profileWorkspaceRoots == null ? null : List.copyOf(profileWorkspaceRoots);
    }

    public PermissionUpdate withCwd(Path newCwd) {
        return new PermissionUpdate(newCwd, workspaceRoots, profileWorkspaceRoots, sandboxPolicy, permissionProfile,
                activePermissionProfile);
    }

    public PermissionUpdate withWorkspaceRoots(List<Path> roots) {
        return new PermissionUpdate(cwd, roots, profileWorkspaceRoots, sandboxPolicy, permissionProfile,
                activePermissionProfile);
    }

    public PermissionUpdate withSandboxPolicy(SandboxPolicy policy) {
        return new PermissionUpdate(cwd, workspaceRoots, profileWorkspaceRoots, policy, permissionProfile,
                activePermissionProfile);
    }

    /** A profile with its id (null for none) and its own roots (null = none). */
    public PermissionUpdate withPermissionProfile(PermissionProfile profile, ActivePermissionProfile active,
                                                  List<Path> profileRoots) {
        return new PermissionUpdate(cwd, workspaceRoots, profileRoots, sandboxPolicy, profile, active);
    }

    /** A profile selected by id: its symbolic profile, id and roots taken from {@code state}. */
    public PermissionUpdate withSelectedProfile(PermissionState state) {
        return withPermissionProfile(state.profile(), state.activeProfile().orElse(null),
                state.profileWorkspaceRoots());
    }
}
