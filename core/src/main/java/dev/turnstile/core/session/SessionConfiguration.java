package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.turnstile.core.permissions.ProjectTrust;
import dev.turnstile.core.permissions.ThreadPermissions;
import dev.turnstile.core.permissions.ThreadStart;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CollaborationMode;
import dev.turnstile.core.protocol.policy.Personality;
import dev.turnstile.core.protocol.policy.ReasoningEffort;
import dev.turnstile.core.protocol.policy.ReasoningSummary;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.policy.WindowsSandboxLevel;
import java.nio.file.Path;
import java.util.List;

/**
 * A thread's persistent settings: what later turns run with until an update changes them. Immutable; an update
 * yields a new configuration ({@link SettingsUpdate#applyTo}).
 *
 * <p>The permission part (cwd, selected profile, runtime workspace roots) is one {@link ThreadPermissions}
 * (spec §3.1); the accessors below project it the way the protocol reports it. Stored as JSON (the journal's
 * {@code ThreadSpec}) in a flat shape, see {@link SessionConfigurationJson}.
 *
 * @param permissions        the cwd, the selected (symbolic) permissions and the thread's runtime workspace roots
 * @param modelContextWindow tokens the model can see, reported with each turn
 */
@JsonSerialize(converter = SessionConfigurationJson.Writer.class)
@JsonDeserialize(converter = SessionConfigurationJson.Reader.class)
public record SessionConfiguration(
        String model,
        String modelProviderId,
        AskForApproval approvalPolicy,
        ApprovalsReviewer approvalsReviewer,
        ThreadPermissions permissions,
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
        if (permissions == null) {
            throw new IllegalArgumentException("a session configuration needs its permissions");
        }
    }

    /**
     * The settings of a new thread: ask on request, the implicit default permissions of a trusted project
     * ({@code :workspace}, spec §3.1) with the cwd as the only runtime workspace root, the default collaboration
     * mode.
     */
    public static SessionConfiguration defaults(String model, String modelProviderId, String cwd) {
        return defaults(model, modelProviderId, ThreadPermissions.start(PermissionsConfig.empty(),
                ThreadStart.in(Path.of(cwd)).withTrust(ProjectTrust.TRUSTED)));
    }

    /** The settings of a new thread with the permissions resolved for it ({@link ThreadPermissions#start}). */
    public static SessionConfiguration defaults(String model, String modelProviderId, ThreadPermissions permissions) {
        return new SessionConfiguration(model, modelProviderId, AskForApproval.ON_REQUEST, ApprovalsReviewer.USER,
                permissions, null, ReasoningSummary.AUTO, null, CollaborationMode.defaultFor(model, null), null, null,
                DEFAULT_CONTEXT_WINDOW);
    }

    /** The same settings with other permissions. */
    public SessionConfiguration withPermissions(ThreadPermissions newPermissions) {
        return new SessionConfiguration(model, modelProviderId, approvalPolicy, approvalsReviewer, newPermissions,
                reasoningEffort, reasoningSummary, serviceTier, collaborationMode, personality, windowsSandboxLevel,
                modelContextWindow);
    }

    /** The thread's cwd (absolute, normalised). */
    public String cwd() {
        return permissions.cwd().toString();
    }

    /** The legacy projection of the effective permissions for the cwd (what {@code sandbox_policy} reports). */
    public SandboxPolicy sandboxPolicy() {
        return permissions.legacySandboxPolicy();
    }

    /** The selected permission profile as wire JSON, still symbolic (what {@code permission_profile} reports). */
    public JsonNode permissionProfile() {
        return permissions.permissionProfileJson();
    }

    /** The id of the profile that produced the permissions, or null (legacy permissions). */
    public ActivePermissionProfile activePermissionProfile() {
        return permissions.activeProfile().orElse(null);
    }

    /** The thread's runtime workspace roots (what the app-server reports as {@code runtimeWorkspaceRoots}). */
    public List<String> workspaceRoots() {
        return strings(permissions.runtimeWorkspaceRoots());
    }

    /** The roots the selected profile declares (immutable with the profile; never runtime roots). */
    public List<String> profileWorkspaceRoots() {
        return strings(permissions.profileWorkspaceRoots());
    }

    static List<String> strings(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }
}
