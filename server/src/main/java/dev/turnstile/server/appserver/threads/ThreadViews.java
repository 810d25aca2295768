package dev.turnstile.server.appserver.threads;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.server.appserver.notify.V2;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import java.util.List;

/** The v2 {@code Thread} object (spec §4.5) and the session fields of start/resume/fork responses. */
public final class ThreadViews {
    /** The version the app-server reports as {@code cliVersion}. */
    public static final String CLI_VERSION = "0.1.0";
    private static final ProtocolCodec CODEC = ProtocolCodec.shared();

    private ThreadViews() {
    }

    public static ObjectNode status(String type, List<String> activeFlags) {
        ObjectNode out = V2.object().put("type", type);
        if (type.equals("active")) {
            ArrayNode flags = out.putArray("activeFlags");
            activeFlags.forEach(flags::add);
        }
        return out;
    }

    public static ObjectNode notLoaded() {
        return status("notLoaded", List.of());
    }

    public static ObjectNode thread(ThreadCatalog.Entry entry, ObjectNode status, String path, ArrayNode turns) {
        ObjectNode out = V2.object();
        out.put("id", entry.threadId());
        out.put("sessionId", entry.threadId());
        out.put("forkedFromId", entry.forkedFromId());
        out.put("preview", entry.preview() == null ? "" : entry.preview());
        out.put("ephemeral", entry.ephemeral());
        out.put("modelProvider", entry.modelProvider());
        out.put("createdAt", entry.createdAt());
        out.put("updatedAt", entry.updatedAt());
        out.set("status", status);
        out.put("path", entry.ephemeral() ? null : path);
        out.put("cwd", entry.cwd());
        out.put("cliVersion", CLI_VERSION);
        out.put("source", "vscode");
        out.putNull("threadSource");
        out.putNull("agentNickname");
        out.putNull("agentRole");
        out.putNull("gitInfo");
        out.put("name", entry.name());
        out.putNull("projectId");
        out.set("turns", turns == null ? MessageCodec.NODES.arrayNode() : turns);
        return out;
    }

    /**
     * The fields start, resume and fork answer with, around {@code thread}. {@code runtimeWorkspaceRoots} (the
     * thread's runtime roots only, never its profile's) and {@code activePermissionProfile} are always there, as Codex
     * 0.169 sends them; the full {@code permissionProfile} only to clients of the experimental API (spec §4.4).
     */
    public static ObjectNode session(ObjectNode thread, SessionConfiguration config, boolean experimental) {
        ObjectNode out = V2.object();
        out.set("thread", thread);
        out.put("model", config.model());
        out.put("modelProvider", config.modelProviderId());
        out.put("serviceTier", config.serviceTier());
        out.put("cwd", config.cwd());
        ArrayNode roots = out.putArray("runtimeWorkspaceRoots");
        config.workspaceRoots().forEach(roots::add);
        out.putArray("instructionSources");
        out.set("approvalPolicy", CODEC.toTree(config.approvalPolicy()));
        out.set("approvalsReviewer", CODEC.toTree(config.approvalsReviewer()));
        out.set("sandbox", V2.camel(config.sandboxPolicy()));
        if (experimental) {
            out.set("permissionProfile", config.permissionProfile() == null ? MessageCodec.NODES.nullNode()
                    : V2.camel(config.permissionProfile()));
        }
        out.set("activePermissionProfile", config.activePermissionProfile() == null
                ? MessageCodec.NODES.nullNode() : activeProfile(config.activePermissionProfile()));
        out.set("reasoningEffort", config.reasoningEffort() == null ? MessageCodec.NODES.nullNode()
                : CODEC.toTree(config.reasoningEffort()));
        return out;
    }

    /** v2 {@code ActivePermissionProfile}: {@code {id, extends}} with {@code extends} always written (spec §4.5). */
    private static ObjectNode activeProfile(dev.turnstile.core.protocol.policy.ActivePermissionProfile profile) {
        return V2.object().put("id", profile.id()).put("extends", profile.extendsProfile());
    }

    public static ArrayNode turns(List<ThreadHistoryBuilder.RenderedTurn> turns, boolean withItems) {
        ArrayNode out = MessageCodec.NODES.arrayNode();
        turns.forEach(turn -> out.add(turn.toJson(withItems)));
        return out;
    }
}
