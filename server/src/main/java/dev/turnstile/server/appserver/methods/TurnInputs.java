package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.DecodeResult;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
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

    /**
     * The core submission for a {@code turn/start}.
     *
     * @param threadCwd the thread's cwd now: what a relative request cwd and the runtime roots resolve against
     */
    static Submission turnStart(String submissionId, Params params, ArrayNode items, boolean experimental,
                                String threadCwd) {
        checkExperimental("turn/start", params, EXPERIMENTAL_TURN_FIELDS, experimental);
        if (params.has("permissions") && params.has("sandboxPolicy")) {
            throw RpcException.invalidRequest("`permissions` cannot be combined with `sandboxPolicy`");
        }
        ObjectNode op = MessageCodec.NODES.objectNode();
        op.set("items", items);
        boolean overrides = false;
        String cwd = params.optionalString("cwd");
        String base = threadCwd;
        if (cwd != null) {
            op.put("cwd", cwd);
            base = threadCwd == null ? cwd : Path.of(threadCwd).resolve(cwd).normalize().toString();
            overrides = true;
        }
        List<String> roots = params.optionalStrings("runtimeWorkspaceRoots");
        if (roots != null) {
            ArrayNode resolved = op.putArray("workspace_roots");
            resolveRoots(roots, base).forEach(resolved::add);
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
        String permissions = permissionsId(params);
        if (permissions != null) {
            op.set("permission_profile", MessageCodec.NODES.textNode(permissions));
            op.putObject("active_permission_profile").put("id", permissions);
            overrides = true;
        }
        copy(params, op, "outputSchema", "final_output_json_schema", false);
        copy(params, op, "environments", "environments", false);
        copy(params, op, "responsesapiClientMetadata", "responsesapi_client_metadata", false);
        op.put("type", overrides ? "user_input_with_turn_context" : "user_input");
        return decode(submissionId, op);
    }

    /** A plain {@code user_input} (steering). */
    static Submission userInput(String submissionId, ArrayNode items) {
        ObjectNode op = MessageCodec.NODES.objectNode().put("type", "user_input");
        op.set("items", items);
        return decode(submissionId, op);
    }

    static List<String> resolveRoots(List<String> roots, String base) {
        Set<String> out = new LinkedHashSet<>();
        for (String root : roots) {
            Path path = base == null ? Path.of(root) : Path.of(base).resolve(root);
            out.add(path.normalize().toString());
        }
        return List.copyOf(out);
    }

    /** {@code permissions}: a profile id string, or the legacy {@code {"type":"profile","id":...}} shape. */
    static String permissionsId(Params params) {
        JsonNode permissions = params.get("permissions");
        if (permissions == null) {
            return null;
        }
        if (permissions.isTextual()) {
            return permissions.asText();
        }
        if (permissions.isObject() && permissions.path("id").isTextual()) {
            return permissions.get("id").asText();
        }
        throw Params.mistyped("permissions", permissions, "a permission profile id");
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
