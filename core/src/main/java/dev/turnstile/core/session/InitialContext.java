package dev.turnstile.core.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.turnstile.core.permissions.WorkspaceRoots;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.permissions.sandbox.SandboxPlan;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The context a thread's first turn injects before the user's words (spec §1.4 b): a developer message with the
 * permissions instructions and a contextual user message with the environment. Both are contextual fragments, so
 * they never count as user turns and are trimmed with a rolled-back turn. Both describe the sandbox the turn
 * realises (spec §3.1: the symbolic profile bound to the thread's runtime roots), so they name the writable roots
 * the turn really has.
 */
final class InitialContext {
    private InitialContext() {
    }

    static String permissionsInstructions(SessionConfiguration config) {
        StringBuilder text = new StringBuilder("<permissions instructions>\nApproval policy: ")
                .append(approvalName(config.approvalPolicy())).append(". Sandbox: ")
                .append(config.sandboxPolicy().type()).append(". Network access: ")
                .append(networkEnabled(config.sandboxPolicy()) ? "enabled" : "restricted").append(".\n");
        config.permissions().activeProfile().ifPresent(active ->
                text.append("Permission profile: `").append(active.id()).append("`.\n"));
        try {
            SandboxPlan plan = config.permissions().realize();
            if (plan.fullDiskWrite()) {
                text.append("Writable roots: every path (no filesystem write restriction).\n");
            } else if (plan.writableRootPaths().isEmpty()) {
                text.append("Writable roots: none.\n");
            } else {
                text.append("Writable roots: ");
                List<Path> roots = plan.writableRootPaths();
                for (int i = 0; i < roots.size(); i++) {
                    text.append(i == 0 ? "`" : ", `").append(roots.get(i)).append('`');
                }
                text.append(".\n");
            }
        } catch (PermissionException unrealisable) {
            text.append("Writable roots: none; the sandbox cannot be built: ").append(unrealisable.getMessage())
                    .append('\n');
        }
        return text.append("</permissions instructions>").toString();
    }

    static String environmentContext(SessionConfiguration config) {
        StringBuilder text = new StringBuilder("<environment_context>\n");
        text.append("  <cwd>").append(config.cwd()).append("</cwd>\n");
        text.append("  <approval_policy>").append(approvalName(config.approvalPolicy())).append("</approval_policy>\n");
        text.append("  <sandbox_mode>").append(config.sandboxPolicy().type()).append("</sandbox_mode>\n");
        text.append("  <network_access>").append(networkEnabled(config.sandboxPolicy()) ? "enabled" : "restricted")
                .append("</network_access>\n");
        text.append("  <workspace_roots>");
        for (Path root : config.permissions().effectiveWorkspaceRoots()) {
            text.append("<root>").append(root).append("</root>");
        }
        text.append("</workspace_roots>\n");
        text.append("  <shell>bash</shell>\n");
        return text.append("</environment_context>").toString();
    }

    /** Whether the turn's environment moved since the reference turn: cwd, approval, sandbox, workspace roots. */
    static boolean environmentChanged(TurnContextItem reference, SessionConfiguration config) {
        RecordedPermissions recorded = RecordedPermissions.of(reference);
        return !Objects.equals(reference.cwd(), config.cwd())
                || !Objects.equals(reference.approvalPolicy(), config.approvalPolicy())
                || !Objects.equals(reference.sandboxPolicy(), config.sandboxPolicy())
                || recorded == null || !recorded.effectiveWorkspaceRoots().equals(
                        config.permissions().effectiveWorkspaceRoots());
    }

    /**
     * Whether what the permissions instructions say moved since the reference turn: the approval policy, the
     * profile or its id, the runtime or profile roots (a roots-only update moves the writable set of a symbolic
     * profile, spec §3.5 check 4), or the cwd (it is a writable root of legacy permissions).
     */
    static boolean permissionsChanged(TurnContextItem reference, SessionConfiguration config) {
        return !Objects.equals(reference.cwd(), config.cwd())
                || !Objects.equals(reference.approvalPolicy(), config.approvalPolicy())
                || !Objects.equals(reference.sandboxPolicy(), config.sandboxPolicy())
                || !Objects.equals(reference.permissionProfile(), config.permissionProfile())
                || !Objects.equals(RecordedPermissions.of(reference), RecordedPermissions.of(config));
    }

    /**
     * The {@code turn_context} of a turn. Besides the symbolic {@code permission_profile} it records the thread's
     * runtime roots, the profile's roots and the profile id as extra members ({@link RecordedPermissions}), so a
     * resumed or forked thread restores them (upstream later adds {@code workspace_roots} there: spec Appendix A).
     */
    static TurnContextItem turnContext(String turnId, SessionConfiguration config, String currentDate) {
        return new TurnContextItem(turnId, null, config.cwd(), currentDate, "Etc/UTC", config.approvalPolicy(),
                config.approvalsReviewer(), config.sandboxPolicy(), config.permissionProfile(), null, null,
                config.model(), config.personality(), config.collaborationMode(), null, config.reasoningEffort(),
                config.reasoningSummary(), null, null, null, null, RecordedPermissions.of(config).toFields());
    }

    static String approvalName(AskForApproval policy) {
        return policy instanceof AskForApproval.Mode mode ? mode.wire() : "granular";
    }

    private static boolean networkEnabled(SandboxPolicy policy) {
        return switch (policy) {
            case SandboxPolicy.DangerFullAccess d -> true;
            case SandboxPolicy.ReadOnly r -> r.networkAccess();
            case SandboxPolicy.WorkspaceWrite w -> w.networkAccess();
            case SandboxPolicy.ExternalSandbox e -> e.networkAccess().toString().equalsIgnoreCase("enabled");
        };
    }

    /**
     * The permission members a {@code turn_context} line carries beyond upstream's pinned shape:
     * {@code workspace_roots} (the thread's runtime roots), {@code profile_workspace_roots} and
     * {@code active_permission_profile} (omitted for legacy permissions).
     */
    record RecordedPermissions(List<Path> workspaceRoots, List<Path> profileWorkspaceRoots,
                               ActivePermissionProfile activePermissionProfile) {
        static final String WORKSPACE_ROOTS = "workspace_roots";
        static final String PROFILE_WORKSPACE_ROOTS = "profile_workspace_roots";
        static final String ACTIVE_PERMISSION_PROFILE = "active_permission_profile";

        static RecordedPermissions of(SessionConfiguration config) {
            return new RecordedPermissions(config.permissions().runtimeWorkspaceRoots(),
                    config.permissions().profileWorkspaceRoots(), config.activePermissionProfile());
        }

        /**
         * What a line records, or null when it records no {@code workspace_roots} or records something malformed
         * (a root that is not an absolute path, an id that is not an {@code ActivePermissionProfile}).
         */
        static RecordedPermissions of(TurnContextItem context) {
            Map<String, JsonNode> fields = context.unknownFields();
            List<Path> roots = paths(fields.get(WORKSPACE_ROOTS));
            if (roots == null) {
                return null;
            }
            List<Path> profileRoots = paths(fields.get(PROFILE_WORKSPACE_ROOTS));
            JsonNode active = fields.get(ACTIVE_PERMISSION_PROFILE);
            ActivePermissionProfile activeProfile = null;
            if (active != null && !active.isNull()) {
                try {
                    activeProfile = ProtocolCodec.shared().mapper().treeToValue(active, ActivePermissionProfile.class);
                } catch (Exception malformed) {
                    return null;
                }
            }
            return new RecordedPermissions(roots, profileRoots == null ? List.of() : profileRoots, activeProfile);
        }

        List<Path> effectiveWorkspaceRoots() {
            return WorkspaceRoots.effective(workspaceRoots, profileWorkspaceRoots);
        }

        Map<String, JsonNode> toFields() {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            fields.put(WORKSPACE_ROOTS, array(workspaceRoots));
            fields.put(PROFILE_WORKSPACE_ROOTS, array(profileWorkspaceRoots));
            if (activePermissionProfile != null) {
                fields.put(ACTIVE_PERMISSION_PROFILE, ProtocolCodec.shared().mapper()
                        .valueToTree(activePermissionProfile));
            }
            return fields;
        }

        private static ArrayNode array(List<Path> paths) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            paths.forEach(path -> array.add(path.toString()));
            return array;
        }

        private static List<Path> paths(JsonNode node) {
            if (node == null || !node.isArray()) {
                return null;
            }
            List<Path> paths = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return null;
                }
                try {
                    Path path = Path.of(element.asText());
                    if (!path.isAbsolute()) {
                        return null;
                    }
                    paths.add(path.normalize());
                } catch (InvalidPathException invalid) {
                    return null;
                }
            }
            return List.copyOf(paths);
        }
    }
}
