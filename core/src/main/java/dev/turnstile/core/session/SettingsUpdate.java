package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

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

        String newCwd = current.cwd();
        if (cwd != null) {
            newCwd = resolveCwd(cwd, processDirectory);
        }
        boolean cwdChanged = !newCwd.equals(current.cwd());

        List<String> newRoots = current.workspaceRoots();
        if (workspaceRoots != null) {
            newRoots = checkedRoots(workspaceRoots);
        } else if (cwdChanged && current.workspaceRoots().contains(current.cwd())) {
            newRoots = retarget(current.workspaceRoots(), current.cwd(), newCwd);
        }

        SandboxPolicy newSandbox = current.sandboxPolicy();
        JsonNode newProfile = current.permissionProfile();
        ActivePermissionProfile newActive = current.activePermissionProfile();
        List<String> newProfileRoots = current.profileWorkspaceRoots();
        if (permissionProfile != null) {
            newProfile = permissionProfile;
            newActive = activePermissionProfile != null ? activePermissionProfile
                    : Objects.equals(permissionProfile, current.permissionProfile()) ? current.activePermissionProfile()
                    : null;
            newProfileRoots = profileWorkspaceRoots != null ? checkedRoots(profileWorkspaceRoots) : List.of();
            if (sandboxPolicy != null) {
                newSandbox = sandboxPolicy;
            }
        } else if (sandboxPolicy != null) {
            newSandbox = sandboxPolicy;
            newProfile = null;
            newActive = null;
            newProfileRoots = List.of();
        }

        String newTier = serviceTier == null ? current.serviceTier() : "fast".equals(serviceTier) ? "priority"
                : serviceTier;
        return new SessionConfiguration(newModel, current.modelProviderId(), newCwd,
                approvalPolicy != null ? approvalPolicy : current.approvalPolicy(),
                approvalsReviewer != null ? approvalsReviewer : current.approvalsReviewer(),
                newSandbox, newProfile, newActive, newRoots, newProfileRoots, newEffort,
                summary != null ? summary : current.reasoningSummary(), newTier, newMode,
                personality != null ? personality : current.personality(),
                windowsSandboxLevel != null ? windowsSandboxLevel : current.windowsSandboxLevel(),
                current.modelContextWindow());
    }

    private static String resolveCwd(String cwd, Path processDirectory) throws SettingsRejectedException {
        if (cwd.isBlank()) {
            throw new SettingsRejectedException("cwd must not be empty");
        }
        try {
            return processDirectory.resolve(cwd).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw new SettingsRejectedException("cwd `" + cwd + "` is not a valid path: " + e.getReason());
        }
    }

    private static List<String> checkedRoots(List<String> roots) throws SettingsRejectedException {
        for (String root : roots) {
            if (root == null || root.isBlank()) {
                throw new SettingsRejectedException("workspace roots must not be empty paths");
            }
        }
        return List.copyOf(new LinkedHashSet<>(roots));
    }

    /** Implicit cwd-root retargeting: every occurrence of the old cwd becomes the new one; first occurrences win. */
    static List<String> retarget(List<String> roots, String oldCwd, String newCwd) {
        List<String> replaced = new ArrayList<>(roots.size());
        for (String root : roots) {
            replaced.add(root.equals(oldCwd) ? newCwd : root);
        }
        return List.copyOf(new LinkedHashSet<>(replaced));
    }
}
