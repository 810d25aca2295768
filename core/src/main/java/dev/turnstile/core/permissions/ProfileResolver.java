package dev.turnstile.core.permissions;

import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.config.ProfileDefinition;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.PathRules;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import java.nio.file.Path;
import java.util.List;

/**
 * Selecting a profile by id for a thread (spec §3.2 step 2): a built-in by id, or a named profile compiled from
 * the configuration, its own workspace roots resolved against the cwd and baked in next to the still-symbolic
 * {@code :workspace_roots} entries.
 */
public final class ProfileResolver {
    private ProfileResolver() {
    }

    /**
     * The state for profile {@code id} in {@code cwd}.
     *
     * @throws PermissionException for an unknown built-in ({@code default_permissions refers to unknown built-in
     *                             profile `:x`}), a missing {@code [permissions]} table, an undefined profile, or a
     *                             profile root that escapes the cwd
     */
    public static PermissionState resolve(PermissionsConfig config, String id, Path cwd) {
        if (id == null || id.isEmpty()) {
            throw new PermissionException("a permission profile id must not be empty");
        }
        Path base = PathRules.normalisedAbsolute(cwd, "cwd");
        if (BuiltInProfiles.isBuiltIn(id)) {
            return new PermissionState.BuiltIn(id, BuiltInProfiles.profile(id));
        }
        BuiltInProfiles.rejectUnknownBuiltIn(id);
        if (config == null || !config.hasPermissionsTable()) {
            throw new PermissionException("default_permissions requires a `[permissions]` table");
        }
        ProfileDefinition definition = config.profile(id);
        if (definition == null) {
            throw new PermissionException("default_permissions refers to undefined profile `" + id + "`");
        }
        List<Path> profileRoots = WorkspaceRoots.resolveAll(definition.workspaceRoots(), base);
        PermissionProfile profile = definition.profile();
        checkWriteSubpathsStayInside(profile, profileRoots);
        return new PermissionState.Named(id, null, profile.withProfileRootsBakedIn(profileRoots), profileRoots);
    }

    /**
     * Every {@code project_roots(subpath) = write} entry of {@code profile}, under every root, must lead to a
     * place inside that root once symlinks are followed.
     */
    static void checkWriteSubpathsStayInside(PermissionProfile profile, List<Path> roots) {
        for (FileSystemSandboxEntry entry : profile.entries()) {
            if (entry.access().canWrite()
                    && entry.path() instanceof FileSystemPath.Special(SpecialPath.ProjectRoots projectRoots)
                    && projectRoots.subpath() != null) {
                for (Path root : roots) {
                    WorkspaceRoots.requireInside(projectRoots.under(root), root,
                            "writable subpath `" + projectRoots.subpath() + "` of workspace root `" + root + "`");
                }
            }
        }
    }
}
