package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.StdConverter;
import dev.turnstile.core.permissions.PermissionState;
import dev.turnstile.core.permissions.ThreadPermissions;
import dev.turnstile.core.permissions.wire.PermissionProfileJson;
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
 * The stored shape of a {@link SessionConfiguration} (the journal keeps it inside {@code ThreadSpec}): flat, the
 * permissions as the protocol spells them. {@code permission_profile} (symbolic), {@code active_permission_profile},
 * {@code workspace_roots} and {@code profile_workspace_roots} restore the {@link ThreadPermissions} exactly;
 * {@code sandbox_policy} is not written (it is derived), but a record without a {@code permission_profile}
 * (written before permissions had profiles) is read as legacy permissions from its {@code sandbox_policy}.
 */
record SessionConfigurationJson(
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

    static SessionConfigurationJson of(SessionConfiguration config) {
        return new SessionConfigurationJson(config.model(), config.modelProviderId(), config.cwd(),
                config.approvalPolicy(), config.approvalsReviewer(), null, config.permissionProfile(),
                config.activePermissionProfile(), config.workspaceRoots(), config.profileWorkspaceRoots(),
                config.reasoningEffort(), config.reasoningSummary(), config.serviceTier(), config.collaborationMode(),
                config.personality(), config.windowsSandboxLevel(), config.modelContextWindow());
    }

    SessionConfiguration toConfiguration() {
        if (cwd == null) {
            throw new IllegalArgumentException("a stored session configuration needs a `cwd`");
        }
        Path cwdPath = Path.of(cwd);
        List<Path> roots = paths(workspaceRoots);
        ThreadPermissions permissions;
        if (permissionProfile != null && !permissionProfile.isNull()) {
            permissions = new ThreadPermissions(PermissionState.of(PermissionProfileJson.fromJson(permissionProfile),
                    activePermissionProfile, paths(profileWorkspaceRoots)), cwdPath, roots);
        } else if (sandboxPolicy != null) {
            permissions = ThreadPermissions.legacy(sandboxPolicy, cwdPath, roots);
        } else {
            throw new IllegalArgumentException("a stored session configuration needs a `permission_profile` or a "
                    + "`sandbox_policy`");
        }
        return new SessionConfiguration(model, modelProviderId, approvalPolicy, approvalsReviewer, permissions,
                reasoningEffort, reasoningSummary, serviceTier, collaborationMode, personality, windowsSandboxLevel,
                modelContextWindow);
    }

    private static List<Path> paths(List<String> values) {
        return values == null ? List.of() : values.stream().map(Path::of).toList();
    }

    /** Jackson: a configuration is written as its stored shape. */
    static final class Writer extends StdConverter<SessionConfiguration, SessionConfigurationJson> {
        @Override
        public SessionConfigurationJson convert(SessionConfiguration value) {
            return of(value);
        }
    }

    /** Jackson: the stored shape is read back into a configuration. */
    static final class Reader extends StdConverter<SessionConfigurationJson, SessionConfiguration> {
        @Override
        public SessionConfiguration convert(SessionConfigurationJson value) {
            return value.toConfiguration();
        }
    }
}
