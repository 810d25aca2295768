package dev.turnstile.core.permissions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.permissions.config.LegacyWorkspaceWrite;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.permissions.model.FileSystemAccess;
import dev.turnstile.core.permissions.model.FileSystemPath;
import dev.turnstile.core.permissions.model.FileSystemSandboxEntry;
import dev.turnstile.core.permissions.model.PathRules;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.model.SpecialPath;
import dev.turnstile.core.permissions.sandbox.Sandbox;
import dev.turnstile.core.permissions.sandbox.SandboxEnvironment;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.permissions.sandbox.WritableRoot;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The permission part of a thread's configuration: the selected {@link PermissionState} (immutable, symbolic),
 * the cwd, and the thread's runtime workspace roots (the mutable part, spec §3.1 "Two kinds of workspace
 * roots"). Immutable; {@link #apply} yields the next value. Everything a turn needs is derived: the effective
 * profile, the legacy sandbox policy, the realised sandbox.
 *
 * @param state                 the selected permissions
 * @param cwd                   the thread's cwd (absolute, normalised)
 * @param runtimeWorkspaceRoots the thread's runtime workspace roots (absolute, normalised, no duplicates); what
 *                              the app-server reports as {@code runtimeWorkspaceRoots} (profile roots excluded)
 */
public record ThreadPermissions(PermissionState state, Path cwd, List<Path> runtimeWorkspaceRoots) {

    public ThreadPermissions {
        if (state == null) {
            throw new PermissionException("thread permissions need a state");
        }
        cwd = PathRules.normalisedAbsolute(cwd, "cwd");
        runtimeWorkspaceRoots = WorkspaceRoots.absolute(runtimeWorkspaceRoots);
    }

    // ------------------------------------------------------------------------------------------- construction

    /**
     * Resolution at thread start (spec §3.2, §3.4).
     *
     * <p>Runtime roots: the roots the client sent, each resolved against the cwd, exactly (the cwd is not added);
     * otherwise the cwd, the {@code --add-dir} roots, and, only when no profile is selected by name, the legacy
     * {@code [sandbox_workspace_write]} roots. Profile: the id asked for, else {@code default_permissions}, else
     * the implicit default; an implicit {@code :workspace} with legacy workspace-write settings is kept as
     * legacy permissions (no id is advertised, since the id alone would not reproduce them).
     *
     * @throws PermissionException for an unknown or undefined profile id or a root that escapes its base
     */
    public static ThreadPermissions start(PermissionsConfig config, ThreadStart start) {
        PermissionsConfig file = config == null ? PermissionsConfig.empty() : config;
        Path cwd = PathRules.normalisedAbsolute(start.cwd(), "cwd");
        String id = start.permissions() != null ? start.permissions() : file.defaultPermissions();
        boolean selectedByName = id != null;
        LegacyWorkspaceWrite legacy = file.legacyWorkspaceWrite();

        PermissionState state;
        if (selectedByName) {
            state = ProfileResolver.resolve(file, id, cwd);
        } else {
            String implicit = BuiltInProfiles.implicitDefault(start.trust(), start.windowsWithoutSandbox());
            state = implicit.equals(BuiltInProfiles.WORKSPACE) && legacy != null
                    ? new PermissionState.Legacy(BuiltInProfiles.workspace(legacy))
                    : new PermissionState.BuiltIn(implicit, BuiltInProfiles.profile(implicit));
        }

        List<Path> roots;
        if (start.runtimeWorkspaceRoots() != null) {
            roots = WorkspaceRoots.resolveAllStrings(start.runtimeWorkspaceRoots(), cwd, start.home());
        } else {
            List<Path> candidates = new ArrayList<>();
            candidates.add(cwd);
            candidates.addAll(start.additionalWritableRoots());
            if (!selectedByName && legacy != null) {
                candidates.addAll(legacy.writableRoots());
            }
            roots = WorkspaceRoots.resolveAll(candidates, cwd);
        }
        return new ThreadPermissions(state, cwd, roots);
    }

    /** A thread configured by a legacy sandbox policy: legacy permissions for {@code cwd}. */
    public static ThreadPermissions legacy(SandboxPolicy policy, Path cwd, List<Path> runtimeWorkspaceRoots) {
        Path normalCwd = PathRules.normalisedAbsolute(cwd, "cwd");
        return new ThreadPermissions(new PermissionState.Legacy(LegacySandboxPolicies.fromLegacy(policy, normalCwd)),
                normalCwd, runtimeWorkspaceRoots);
    }

    // ----------------------------------------------------------------------------------------------- derived

    /** The stored profile bound to the runtime roots: what a turn runs with (spec §3.1, {@code session.rs} ~112). */
    public PermissionProfile effectiveProfile() {
        return state.profile().materialize(runtimeWorkspaceRoots);
    }

    public Optional<ActivePermissionProfile> activeProfile() {
        return state.activeProfile();
    }

    public List<Path> profileWorkspaceRoots() {
        return state.profileWorkspaceRoots();
    }

    /** Runtime roots then profile roots, without duplicates (for summaries). */
    public List<Path> effectiveWorkspaceRoots() {
        return WorkspaceRoots.effective(runtimeWorkspaceRoots, state.profileWorkspaceRoots());
    }

    /** The stored (symbolic) profile as wire JSON, as the protocol keeps it. */
    public ObjectNode permissionProfileJson() {
        return PermissionProfileJson.toJson(state.profile());
    }

    /** The legacy projection of the effective profile for the cwd, with the host's temporary directories. */
    public SandboxPolicy legacySandboxPolicy() {
        return legacySandboxPolicy(SandboxEnvironment.system());
    }

    /** The legacy projection of the effective profile for the cwd (compatibility fallback when unrepresentable). */
    public SandboxPolicy legacySandboxPolicy(SandboxEnvironment environment) {
        return LegacySandboxPolicies.toLegacyOrCompatible(effectiveProfile(), cwd, environment);
    }

    /** {@link #realize(SandboxEnvironment)} with the host's temporary directories. */
    public SandboxPlan realize() {
        return realize(SandboxEnvironment.system());
    }

    /**
     * The concrete sandbox of a turn: the effective profile realised for the cwd.
     *
     * @throws PermissionException when a writable {@code :workspace_roots} subpath leads out of its root through a
     *                             symlink
     */
    public SandboxPlan realize(SandboxEnvironment environment) {
        ProfileResolver.checkWriteSubpathsStayInside(state.profile(), runtimeWorkspaceRoots);
        return Sandbox.realize(effectiveProfile(), cwd, environment);
    }

    // ------------------------------------------------------------------------------------------------ updates

    /** {@link #apply(PermissionUpdate, Path, SandboxEnvironment)} with the host's temporary directories. */
    public ThreadPermissions apply(PermissionUpdate update, Path processDirectory) {
        return apply(update, processDirectory, SandboxEnvironment.system());
    }

    /**
     * The permissions after a settings update (spec §3.3 steps 1, 3, 4, 5), as one pure function.
     *
     * <ol>
     *   <li>The current effective profile is the reference for "unchanged profile" and deny preservation.</li>
     *   <li>cwd: a relative cwd resolves against {@code processDirectory} (not the thread's cwd, as upstream).</li>
     *   <li>Runtime roots: replaced when sent; otherwise, when the cwd changed and the old cwd was one of them,
     *       each occurrence of the old cwd becomes the new one (duplicates dropped, order kept).</li>
     *   <li>Permissions, first match: a profile (id as sent, or the current id when the profile equals the current
     *       effective one, else none; deny-read entries of the current profile kept; profile roots as sent or
     *       none); a legacy sandbox policy (derived for the new cwd, denies kept, no id); a cwd change while
     *       the current policy is a legacy bridge with a rebindable workspace write (re-derived for the new
     *       cwd); otherwise unchanged, so split policies and absolute grants survive a cwd-only update.</li>
     * </ol>
     *
     * <p>As upstream, the rebindable-write test looks at the effective (materialised) policy, where
     * materialisation has already replaced every {@code project_roots} entry; the third branch therefore never
     * applies, and a cwd-only update keeps the profile and its id (Derived; see {@code PermissionUpdateTest}).
     *
     * @throws PermissionException when a sent root is not absolute or has {@code ..}
     */
    public ThreadPermissions apply(PermissionUpdate update, Path processDirectory, SandboxEnvironment environment) {
        PermissionProfile currentEffective = effectiveProfile();
        boolean rebindableProjectRootWrite = currentEffective.entries().stream()
                .anyMatch(ThreadPermissions::isWorkspaceWrite);

        Path newCwd = cwd;
        if (update.cwd() != null) {
            Path base = PathRules.normalisedAbsolute(processDirectory.toAbsolutePath(), "process directory");
            newCwd = base.resolve(update.cwd()).normalize();
        }
        boolean cwdChanged = !newCwd.equals(cwd);

        List<Path> newRoots = runtimeWorkspaceRoots;
        if (update.workspaceRoots() != null) {
            newRoots = WorkspaceRoots.absolute(update.workspaceRoots());
        } else if (cwdChanged && runtimeWorkspaceRoots.contains(cwd)) {
            LinkedHashSet<Path> retargeted = new LinkedHashSet<>();
            for (Path root : runtimeWorkspaceRoots) {
                retargeted.add(root.equals(cwd) ? newCwd : root);
            }
            newRoots = List.copyOf(retargeted);
        }

        PermissionState newState = state;
        if (update.permissionProfile() != null) {
            ActivePermissionProfile active = update.activePermissionProfile();
            if (active == null && update.permissionProfile().equals(currentEffective)) {
                active = state.activeProfile().orElse(null);
            }
            List<Path> profileRoots = update.profileWorkspaceRoots() == null ? List.of()
                    : WorkspaceRoots.absolute(update.profileWorkspaceRoots());
            newState = PermissionState.of(update.permissionProfile().preservingDenyReadsFrom(currentEffective),
                    active, profileRoots);
        } else if (update.sandboxPolicy() != null) {
            newState = new PermissionState.Legacy(LegacySandboxPolicies.fromLegacyPreservingDenies(
                    update.sandboxPolicy(), newCwd, currentEffective));
        } else if (cwdChanged && rebindableProjectRootWrite && isLegacyBridge(currentEffective, environment)) {
            SandboxPolicy currentLegacy = LegacySandboxPolicies.toLegacyOrCompatible(currentEffective, cwd,
                    environment);
            newState = new PermissionState.Legacy(LegacySandboxPolicies.fromLegacyPreservingDenies(currentLegacy,
                    newCwd, currentEffective));
        }
        return new ThreadPermissions(newState, newCwd, newRoots);
    }

    /** Whether {@code profile} grants, for the cwd, what its own legacy projection would grant. */
    private boolean isLegacyBridge(PermissionProfile profile, SandboxEnvironment environment) {
        SandboxPolicy legacy = LegacySandboxPolicies.toLegacyOrCompatible(profile, cwd, environment);
        PermissionProfile bridged = LegacySandboxPolicies.fromLegacyPreservingDenies(legacy, cwd, profile);
        return Signature.of(Sandbox.realize(profile, cwd, environment))
                .equals(Signature.of(Sandbox.realize(bridged, cwd, environment)));
    }

    /** A plan's grants, order-insensitive. */
    private record Signature(boolean fullRead, boolean fullWrite, boolean platformDefaults, List<Path> readable,
                             List<WritableRoot> writable, List<Path> denied, List<String> deniedGlobs) {
        static Signature of(SandboxPlan plan) {
            List<WritableRoot> writable = plan.writableRoots().stream()
                    .map(root -> new WritableRoot(root.root(), sorted(root.readOnlySubpaths())))
                    .sorted(Comparator.comparing(WritableRoot::root)).toList();
            return new Signature(plan.fullDiskRead(), plan.fullDiskWrite(), plan.includePlatformDefaults(),
                    sorted(plan.readableRoots()), writable, sorted(plan.deniedPaths()),
                    plan.deniedGlobs().stream().sorted().toList());
        }

        private static List<Path> sorted(List<Path> paths) {
            return paths.stream().sorted().toList();
        }
    }

    /** True when {@code entry} is a write grant on the workspace roots themselves. */
    static boolean isWorkspaceWrite(FileSystemSandboxEntry entry) {
        return entry.access() == FileSystemAccess.WRITE
                && entry.path().equals(FileSystemPath.of(SpecialPath.projectRoots()));
    }
}
