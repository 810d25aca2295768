package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code permissions} param of {@code thread/start}, {@code thread/resume}, {@code thread/fork} and
 * {@code turn/start} (spec §3.4): a profile id string ({@code ":workspace"}, {@code "dev"}), or the legacy object
 * {@code {"type":"profile","id":…,"modifications":[{"type":"additionalWritableRoot","path":…}]}} whose paths are
 * appended to the runtime roots.
 *
 * @param id                      the profile id
 * @param additionalWritableRoots the legacy shape's {@code additionalWritableRoot} paths (empty for a string)
 */
record PermissionsParam(String id, List<String> additionalWritableRoots) {

    PermissionsParam {
        additionalWritableRoots = List.copyOf(additionalWritableRoots);
    }

    /** The {@code permissions} param, or null when absent. */
    static PermissionsParam of(Params params) {
        JsonNode permissions = params.get("permissions");
        if (permissions == null) {
            return null;
        }
        if (permissions.isTextual()) {
            return new PermissionsParam(nonEmpty(permissions.asText(), "permissions"), List.of());
        }
        if (!permissions.isObject()) {
            throw Params.mistyped("permissions", permissions, "a permission profile id (a string)");
        }
        Params object = Params.of(permissions);
        String type = object.optionalString("type");
        if (type != null && !type.equals("profile")) {
            throw RpcException.invalidRequest("Invalid request: unknown variant `" + type
                    + "`, expected `profile` at `permissions.type`");
        }
        String id = nonEmpty(object.requiredString("id"), "permissions.id");
        List<String> roots = new ArrayList<>();
        var modifications = object.optionalArray("modifications");
        if (modifications != null) {
            for (int i = 0; i < modifications.size(); i++) {
                String where = "permissions.modifications[" + i + "]";
                JsonNode modification = modifications.get(i);
                if (!modification.isObject()) {
                    throw Params.mistyped(where, modification, "a permission profile modification");
                }
                Params entry = Params.of(modification);
                String kind = entry.requiredString("type");
                if (!kind.equals("additionalWritableRoot")) {
                    throw RpcException.invalidRequest("Invalid request: unknown variant `" + kind
                            + "`, expected `additionalWritableRoot` at `" + where + ".type`");
                }
                roots.add(nonEmpty(entry.requiredString("path"), where + ".path"));
            }
        }
        return new PermissionsParam(id, roots);
    }

    private static String nonEmpty(String value, String field) {
        if (value.isBlank()) {
            throw RpcException.invalidRequest("Invalid request: `" + field + "` must not be empty");
        }
        return value;
    }

    /**
     * The runtime roots to ask for (spec §3.4, {@code apply_permission_profile_selection_to_config_overrides}): the
     * legacy modification paths are appended to the explicit roots when there are some, else to the roots the thread
     * would have without an override ({@code otherwise}); null when neither changes anything.
     *
     * @param requested {@code runtimeWorkspaceRoots} as sent, or null
     * @param otherwise the roots the thread has or gets by default (only asked for when needed)
     */
    static List<String> runtimeRoots(List<String> requested, PermissionsParam permissions,
                                     java.util.function.Supplier<List<String>> otherwise) {
        List<String> extra = permissions == null ? List.of() : permissions.additionalWritableRoots();
        if (extra.isEmpty()) {
            return requested;
        }
        List<String> roots = new ArrayList<>(requested != null ? requested : otherwise.get());
        roots.addAll(extra);
        return roots;
    }

    static String idOf(PermissionsParam permissions) {
        return permissions == null ? null : permissions.id();
    }
}
