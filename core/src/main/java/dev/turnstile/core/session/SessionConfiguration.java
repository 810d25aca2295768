package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CollaborationMode;
import dev.turnstile.core.protocol.policy.Personality;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.policy.WindowsSandboxLevel;
import java.util.List;

/**
 * A thread's persistent settings: what later turns run with until an update changes them. Immutable; an update
 * yields a new configuration ({@link SettingsUpdate#applyTo}).
 *
 * @param permissionProfile        the selected permission profile as JSON, kept symbolic, or null for a legacy
 *                                 (sandbox-policy) configuration
 * @param activePermissionProfile  the id of the profile that produced it, or null (legacy)
 * @param workspaceRoots           the thread's runtime workspace roots (mutable per thread, absolute paths)
 * @param profileWorkspaceRoots    the roots the selected profile declares (immutable with the profile)
 * @param modelContextWindow       tokens the model can see, reported with each turn
 */
public record SessionConfiguration(
        String model,
        String modelProviderId,
        String cwd,
        AskForApproval approvalPolicy,
        ApprovalsReviewer approvalsReviewer,
        SandboxPolicy sandboxPolicy,
        JsonNode permissionProfile,
        ActivePermissionProfile activePermissionProfile,
        List<String> workspaceRoots,
        List<String> profileWorkspaceRoots,
        ReasoningEffort reasoningEffort,
        ReasoningSummary reasoningSummary,
        String serviceTier,
        CollaborationMode collaborationMode,
        Personality personality,
        WindowsSandboxLevel windowsSandboxLevel,
        long modelContextWindow) {

    /** What Codex reports for a model it has no metadata for. */
    public static final long DEFAULT_CONTEXT_WINDOW = 258_400;

    public SessionConfiguration {
        workspaceRoots = List.copyOf(workspaceRoots);
        profileWorkspaceRoots = List.copyOf(profileWorkspaceRoots);
    }

    /**
     * The settings of a new thread: ask on request, workspace-write sandbox, the cwd as the only runtime
     * workspace root, the default collaboration mode.
     */
    public static SessionConfiguration defaults(String model, String modelProviderId, String cwd) {
        return new SessionConfiguration(model, modelProviderId, cwd, AskForApproval.ON_REQUEST, ApprovalsReviewer.USER,
                SandboxPolicy.workspaceWrite(), null, null, List.of(cwd), List.of(), null, ReasoningSummary.AUTO, null,
                CollaborationMode.defaultFor(model, null), null, null, DEFAULT_CONTEXT_WINDOW);
    }
}
