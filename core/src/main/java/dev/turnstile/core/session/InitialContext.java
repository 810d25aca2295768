package dev.turnstile.core.session;

import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.util.Map;
import java.util.Objects;

/**
 * The context a thread's first turn injects before the user's words (spec §1.4 b): a developer message with the
 * permissions instructions and a contextual user message with the environment. Both are contextual fragments, so
 * they never count as user turns and are trimmed with a rolled-back turn.
 */
final class InitialContext {
    private InitialContext() {
    }

    static String permissionsInstructions(SessionConfiguration config) {
        return "<permissions instructions>\nApproval policy: " + approvalName(config.approvalPolicy())
                + ". Sandbox: " + config.sandboxPolicy().type() + ". Network access: "
                + (networkEnabled(config.sandboxPolicy()) ? "enabled" : "restricted") + ".\n</permissions instructions>";
    }

    static String environmentContext(SessionConfiguration config) {
        StringBuilder text = new StringBuilder("<environment_context>\n");
        text.append("  <cwd>").append(config.cwd()).append("</cwd>\n");
        text.append("  <approval_policy>").append(approvalName(config.approvalPolicy())).append("</approval_policy>\n");
        text.append("  <sandbox_mode>").append(config.sandboxPolicy().type()).append("</sandbox_mode>\n");
        text.append("  <network_access>").append(networkEnabled(config.sandboxPolicy()) ? "enabled" : "restricted")
                .append("</network_access>\n");
        text.append("  <workspace_roots>");
        for (String root : config.workspaceRoots()) {
            text.append("<root>").append(root).append("</root>");
        }
        text.append("</workspace_roots>\n");
        text.append("  <shell>bash</shell>\n");
        return text.append("</environment_context>").toString();
    }

    static boolean environmentChanged(TurnContextItem reference, SessionConfiguration config) {
        return !Objects.equals(reference.cwd(), config.cwd())
                || !Objects.equals(reference.approvalPolicy(), config.approvalPolicy())
                || !Objects.equals(reference.sandboxPolicy(), config.sandboxPolicy());
    }

    static TurnContextItem turnContext(String turnId, SessionConfiguration config, String currentDate) {
        return new TurnContextItem(turnId, null, config.cwd(), currentDate, "Etc/UTC", config.approvalPolicy(),
                config.approvalsReviewer(), config.sandboxPolicy(), config.permissionProfile(), null, null,
                config.model(), config.personality(), config.collaborationMode(), null, config.reasoningEffort(),
                config.reasoningSummary(), null, null, null, null, Map.of());
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
}
