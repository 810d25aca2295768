package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.permissions.PermissionUpdate;
import dev.turnstile.core.permissions.ThreadPermissions;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.model.PermissionProfile;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CollaborationMode;
import dev.turnstile.core.protocol.policy.Personality;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.policy.WindowsSandboxLevel;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A change to a thread's settings, built from an op; every member is optional (null = unchanged).
 * {@code finalOutputJsonSchema} and {@code environments} apply to one turn only and are never stored.
 *
 * <p>{@link #applyTo} follows the update rules of spec §3.3 in their order: collaboration mode and the simple
 * settings, then the cwd (resolved against the process's directory), then the runtime workspace roots (replaced
 * when given, otherwise the old cwd is retargeted to the new one), then the permissions.
 */
public record SettingsUpdate(
        String cwd,
        List<String> workspaceRoots,
        List<String> profileWorkspaceRoots,
        AskForApproval approvalPolicy,
        ApprovalsReviewer approvalsReviewer,
        SandboxPolicy sandboxPolicy,
        JsonNode permissionProfile,
        ActivePermissionProfile activePermissionProfile,
        WindowsSandboxLevel windowsSandboxLevel,
        String model,
        ReasoningEffort effort,
        ReasoningSummary summary,
        String serviceTier,
        CollaborationMode collaborationMode,
        Personality personality,
        JsonNode finalOutputJsonSchema,
        JsonNode environments) {

    public static final SettingsUpdate NONE = new SettingsUpdate(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    /** The update an op carries: only the four input/override ops carry one. */
    public static SettingsUpdate of(Op op) {
        return switch (op) {
            case Op.OverrideTurnContext o -> new SettingsUpdate(o.cwd(), null, null, o.approvalPolicy(),
                    o.approvalsReviewer(), o.sandboxPolicy(), o.permissionProfile(), null, o.windowsSandboxLevel(),
                    o.model(), o.effort(), o.summary(), o.serviceTier(), o.collaborationMode(), o.personality(),
                    null, null);
            case Op.UserInput u -> new SettingsUpdate(null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, u.finalOutputJsonSchema(), u.environments());
            case Op.UserInputWithTurnContext u -> new SettingsUpdate(u.cwd(), u.workspaceRoots(),
                    u.profileWorkspaceRoots(), u.approvalPolicy(), u.approvalsReviewer(), u.sandboxPolicy(),
                    u.permissionProfile(), u.activePermissionProfile(), u.windowsSandboxLevel(), u.model(),
                    u.effort(), u.summary(), u.serviceTier(), u.collaborationMode(), u.personality(),
                    u.finalOutputJsonSchema(), u.environments());
            // A user_turn always carries a sandbox policy: without a permission profile that re-derives a legacy
            // profile and drops the active profile's identity (spec §1.2 row 11, §3.3 step 5).
            case Op.UserTurn u -> new SettingsUpdate(u.cwd(), null, null, u.approvalPolicy(), u.approvalsReviewer(),
                    u.sandboxPolicy(), u.permissionProfile(), null, null, u.model(), u.effort(), u.summary(),
                    u.serviceTier(), u.collaborationMode() != null ? u.collaborationMode()
                    : CollaborationMode.defaultFor(u.model(), u.effort()), u.personality(),
                    u.finalOutputJsonSchema(), u.environments());
            default -> NONE;
        };
    }

    /**
     * The configuration after this update.
     *
     * @param processDirectory what a relative cwd is resolved against (upstream resolves against the process's
     *                         working directory, not the session's cwd: spec Appendix B.6)
     * @throws SettingsRejectedException when the update breaks a constraint; the configuration is then unchanged
     */
    public SessionConfiguration applyTo(SessionConfiguration current, Path processDirectory)
            throws SettingsRejectedException {
        if (model != null && model.isBlank()) {
            throw new SettingsRejectedException("model must not be empty");
        }
        String newModel = model != null ? model
                : collaborationMode != null && collaborationMode.settings().model() != null
                ? collaborationMode.settings().model() : current.model();
        ReasoningEffort newEffort = effort != null ? effort
                : collaborationMode != null ? collaborationMode.settings().reasoningEffort() : current.reasoningEffort();
        CollaborationMode newMode = collaborationMode != null ? collaborationMode
                : new CollaborationMode(current.collaborationMode().mode(), new CollaborationMode.Settings(newModel,
                newEffort, current.collaborationMode().settings().developerInstructions()));

        ThreadPermissions newPermissions = applyPermissions(current.permissions(), processDirectory);

        String newTier = serviceTier == null ? current.serviceTier() : "fast".equals(serviceTier) ? "priority"
                : serviceTier;
        return new SessionConfiguration(newModel, current.modelProviderId(),
                approvalPolicy != null ? approvalPolicy : current.approvalPolicy(),
                approvalsReviewer != null ? approvalsReviewer : current.approvalsReviewer(),
                newPermissions, newEffort,
                summary != null ? summary : current.reasoningSummary(), newTier, newMode,
                personality != null ? personality : current.personality(),
                windowsSandboxLevel != null ? windowsSandboxLevel : current.windowsSandboxLevel(),
                current.modelContextWindow());
    }

    /** Whether this update touches the permissions at all (cwd, roots, sandbox policy, profile). */
    boolean changesPermissions() {
        return cwd != null || workspaceRoots != null || profileWorkspaceRoots != null || sandboxPolicy != null
                || permissionProfile != null || activePermissionProfile != null;
    }

    /**
     * Steps 3–5 of spec §3.3 ({@link ThreadPermissions#apply}): the op's members checked and typed, then applied.
     * New permissions must realise (a writable subpath must not lead out of its root through a symlink), so a
     * turn never starts with a sandbox it cannot build.
     */
    private ThreadPermissions applyPermissions(ThreadPermissions current, Path processDirectory)
            throws SettingsRejectedException {
        if (!changesPermissions()) {
            return current;
        }
        PermissionUpdate update = new PermissionUpdate(cwd == null ? null : cwdPath(cwd),
                workspaceRoots == null ? null : rootPaths(workspaceRoots, "workspace_roots"),
                profileWorkspaceRoots == null ? null : rootPaths(profileWorkspaceRoots, "profile_workspace_roots"),
                sandboxPolicy, permissionProfile == null ? null : profile(permissionProfile), activePermissionProfile);
        try {
            ThreadPermissions next = current.apply(update, processDirectory);
            if (!next.equals(current)) {
                next.realize();
            }
            return next;
        } catch (PermissionException invalid) {
            throw new SettingsRejectedException(invalid.getMessage());
        }
    }

    private static Path cwdPath(String cwd) throws SettingsRejectedException {
        if (cwd.isBlank()) {
            throw new SettingsRejectedException("cwd must not be empty");
        }
        try {
            return Path.of(cwd);
        } catch (InvalidPathException e) {
            throw new SettingsRejectedException("cwd `" + cwd + "` is not a valid path: " + e.getReason());
        }
    }

    /** Roots as an op sends them: absolute paths (spec §3.3 step 4; upstream's {@code AbsolutePathBuf}). */
    private static List<Path> rootPaths(List<String> roots, String member) throws SettingsRejectedException {
        List<Path> paths = new ArrayList<>(roots.size());
        for (String root : roots) {
            if (root == null || root.isBlank()) {
                throw new SettingsRejectedException("workspace roots must not be empty paths");
            }
            try {
                paths.add(Path.of(root));
            } catch (InvalidPathException e) {
                throw new SettingsRejectedException(member + ": `" + root + "` is not a valid path: " + e.getReason());
            }
        }
        return paths;
    }

    private static PermissionProfile profile(JsonNode json) throws SettingsRejectedException {
        try {
            return PermissionProfileJson.fromJson(json);
        } catch (PermissionException invalid) {
            throw new SettingsRejectedException("invalid permission_profile: " + invalid.getMessage());
        }
    }
}
