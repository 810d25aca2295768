package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.host.TurnPermissionOverrides;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.DecodeResult;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import java.util.List;
import java.util.Set;

/**
 * Turns a v2 {@code turn/start} (or steer) into the core's op (spec §3.4): v2 {@code UserInput} (camelCase tags,
 * {@code url}) becomes the core's (snake_case tags, {@code image_url}); overrides make it a
 * {@code user_input_with_turn_context}, none a plain {@code user_input}. The op is decoded by the core's own codec, so
 * a bad value is refused with the codec's message before anything reaches the ring.
 */
final class TurnInputs {
    /** Spec §3.4 step 1: the most text characters one turn's input may carry. */
    static final int MAX_INPUT_CHARS = 1 << 20;
    private static final Set<String> EXPERIMENTAL_TURN_FIELDS = Set.of("runtimeWorkspaceRoots", "permissions",
            "environments", "collaborationMode", "responsesapiClientMetadata");
    private static final ProtocolCodec CODEC = ProtocolCodec.shared();

    private TurnInputs() {
    }

    /** The core's {@code items} for v2 input, after the size check. */
    static ArrayNode items(ArrayNode input) {
        ArrayNode items = MessageCodec.NODES.arrayNode();
        long chars = 0;
        for (int i = 0; i < input.size(); i++) {
            JsonNode entry = input.get(i);
            String where = "input[" + i + "]";
            if (!entry.isObject()) {
                throw Params.mistyped(where, entry, "a UserInput object");
            }
            Params item = Params.of(entry);
            String type = item.requiredString("type");
            ObjectNode out = items.addObject();
            switch (type) {
                case "text" -> {
                    String text = item.requiredString("text");
                    chars += text.length();
                    out.put("type", "text").put("text", text);
                    ArrayNode elements = out.putArray("text_elements");
                    ArrayNode given = item.optionalArray("text_elements");
                    if (given != null) {
                        for (JsonNode element : given) {
                            ObjectNode e = elements.addObject();
                            JsonNode range = element.path("byteRange");
                            e.putObject("byte_range").set("start", range.path("start"));
                            ((ObjectNode) e.get("byte_range")).set("end", range.path("end"));
                            e.set("placeholder", element.path("placeholder").isMissingNode()
                                    ? MessageCodec.NODES.nullNode() : element.get("placeholder"));
                        }
                    }
                }
                case "image" -> out.put("type", "image").put("image_url", item.requiredString("url"));
                case "localImage" -> out.put("type", "local_image").put("path", item.requiredString("path"));
                case "skill", "mention" -> out.put("type", type).put("name", item.requiredString("name"))
                        .put("path", item.requiredString("path"));
                default -> throw RpcException.invalidRequest("Invalid request: unknown variant `" + type
                        + "`, expected one of `text`, `image`, `localImage`, `skill`, `mention` at `" + where + "`");
            }
        }
        if (chars > MAX_INPUT_CHARS) {
            ObjectNode data = MessageCodec.NODES.objectNode().put("input_error_code", "input_too_large")
                    .put("max_chars", MAX_INPUT_CHARS).put("actual_chars", chars);
            throw new RpcException(new RpcError(RpcError.INVALID_PARAMS, "Input exceeds the maximum length of "
                    + MAX_INPUT_CHARS + " characters.", data));
        }
        return items;
    }

    /** Refuses experimental fields unless the client asked for them at {@code initialize} (spec §4.2). */
    static void checkExperimental(String method, Params params, Set<String> fields, boolean experimental) {
        if (experimental) {
            return;
        }
        for (String field : fields) {
            if (params.has(field)) {
                throw RpcException.invalidRequest(method + "." + field + " requires experimentalApi capability");
            }
        }
    }

    /** Refuses experimental fields without the capability, and {@code permissions} with {@code sandboxPolicy}. */
    static void checkTurnStart(Params params, boolean experimental) {
        checkExperimental("turn/start", params, EXPERIMENTAL_TURN_FIELDS, experimental);
        if (params.has("permissions") && params.has("sandboxPolicy")) {
            throw RpcException.invalidRequest("`permissions` cannot be combined with `sandboxPolicy`");
        }
    }

    /**
     * The core submission for a {@code turn/start} (spec §3.4 steps 4–5): with any override a
     * {@code user_input_with_turn_context}, else a plain {@code user_input}.
     *
     * @param cwd         the request's cwd resolved against the thread's, or null
     * @param permissions the request's runtime roots and profile, resolved by the host
     */
    static Submission turnStart(String submissionId, Params params, ArrayNode items, String cwd,
                                TurnPermissionOverrides permissions) {
        ObjectNode op = MessageCodec.NODES.objectNode();
        op.set("items", items);
        boolean overrides = false;
        if (cwd != null) {
            op.put("cwd", cwd);
            overrides = true;
        }
        if (permissions.workspaceRoots() != null) {
            ArrayNode roots = op.putArray("workspace_roots");
            permissions.workspaceRoots().forEach(roots::add);
            overrides = true;
        }
        if (permissions.permissionProfile() != null) {
            op.set("permission_profile", permissions.permissionProfile());
            ArrayNode profileRoots = op.putArray("profile_workspace_roots");
            if (permissions.profileWorkspaceRoots() != null) {
                permissions.profileWorkspaceRoots().forEach(profileRoots::add);
            }
            if (permissions.activePermissionProfile() != null) {
                op.set("active_permission_profile", CODEC.toTree(permissions.activePermissionProfile()));
            }
            overrides = true;
        }
        overrides |= copy(params, op, "approvalPolicy", "approval_policy", false);
        overrides |= copy(params, op, "approvalsReviewer", "approvals_reviewer", false);
        overrides |= copy(params, op, "sandboxPolicy", "sandbox_policy", true);
        overrides |= copy(params, op, "model", "model", false);
        overrides |= copy(params, op, "effort", "effort", false);
        overrides |= copy(params, op, "summary", "summary", false);
        overrides |= copy(params, op, "serviceTier", "service_tier", false);
        overrides |= copy(params, op, "personality", "personality", false);
        overrides |= copy(params, op, "collaborationMode", "collaboration_mode", true);
        copy(params, op, "outputSchema", "final_output_json_schema", false);
        copy(params, op, "environments", "environments", false);
        copy(params, op, "responsesapiClientMetadata", "responsesapi_client_metadata", false);
        op.put("type", overrides ? "user_input_with_turn_context" : "user_input");
        return decode(submissionId, op);
    }

    /** The core's input items for v2 input already checked by {@link #items} (steering). */
    static List<UserInput> coreItems(ArrayNode items) {
        ObjectNode op = MessageCodec.NODES.objectNode().put("type", "user_input");
        op.set("items", items);
        return ((Op.UserInput) decode("steer", op).op()).items();
    }

    private static boolean copy(Params params, ObjectNode op, String from, String to, boolean snakeCase) {
        JsonNode value = params.get(from);
        if (value == null) {
            return false;
        }
        op.set(to, snakeCase ? dev.turnstile.server.appserver.notify.V2.snake(value) : value);
        return true;
    }

    private static Submission decode(String submissionId, ObjectNode op) {
        ObjectNode submission = MessageCodec.NODES.objectNode().put("id", submissionId);
        submission.set("op", op);
        return switch (CODEC.decodeSubmission(submission.toString())) {
            case DecodeResult.Decoded<Submission> decoded -> decoded.value();
            case DecodeResult.Rejected<Submission> rejected -> throw RpcException.invalidRequest(
                    "Invalid request: " + rejected.message());
        };
    }
}
