package dev.turnstile.core.turn.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.turnstile.core.turn.model.ModelOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's function call, understood: what kind of tool it asks for and with which arguments. Names the host
 * does not know are client-side (dynamic) tools: the client is asked to run them.
 */
public sealed interface ToolCall {
    ObjectMapper JSON = new ObjectMapper();
    long DEFAULT_SHELL_TIMEOUT_MS = 10_000;

    String callId();

    /** Run a command ({@code shell}, {@code container.exec}, {@code local_shell}, {@code exec_command}). */
    record Shell(String callId, List<String> command, String workdir, long timeoutMillis, boolean escalated,
            String justification) implements ToolCall {
    }

    /** Apply a patch ({@code apply_patch}); needs the user's approval first. */
    record ApplyPatch(String callId, JsonNode changes, String reason) implements ToolCall {
    }

    /** Ask the user questions ({@code request_user_input}); answered by a {@code user_input_answer} op. */
    record RequestUserInput(String callId, JsonNode questions) implements ToolCall {
    }

    /** Ask for more permissions ({@code request_permissions}); answered by {@code request_permissions_response}. */
    record RequestPermissions(String callId, String reason, JsonNode permissions) implements ToolCall {
    }

    /** A client-side tool; answered by a {@code dynamic_tool_response} op. */
    record Dynamic(String callId, String tool, JsonNode arguments) implements ToolCall {
    }

    /** A call that cannot be made; the model is told why. */
    record Invalid(String callId, String name, String problem) implements ToolCall {
    }

    static ToolCall parse(ModelOutput.FunctionCall call) {
        JsonNode args;
        try {
            args = call.arguments() == null || call.arguments().isBlank() ? JSON.createObjectNode()
                    : JSON.readTree(call.arguments());
        } catch (Exception e) {
            return new Invalid(call.callId(), call.name(), "failed to parse function arguments: " + e.getMessage());
        }
        if (!args.isObject()) {
            return new Invalid(call.callId(), call.name(), "function arguments must be a JSON object");
        }
        return switch (call.name()) {
            case "shell", "container.exec", "local_shell" -> shell(call, args, argv(args.get("command")));
            case "exec_command" -> args.path("cmd").isTextual()
                    ? shell(call, args, List.of("bash", "-c", args.get("cmd").asText()))
                    : new Invalid(call.callId(), call.name(), "exec_command needs a `cmd` string");
            case "apply_patch" -> new ApplyPatch(call.callId(), args.has("changes") ? args.get("changes")
                    : args.path("input").isMissingNode() ? JSON.createObjectNode() : args.get("input"),
                    text(args, "reason"));
            case "request_user_input" -> new RequestUserInput(call.callId(),
                    args.has("questions") ? args.get("questions") : JSON.createArrayNode());
            case "request_permissions" -> new RequestPermissions(call.callId(), text(args, "reason"),
                    args.has("permissions") ? args.get("permissions") : NullNode.getInstance());
            default -> new Dynamic(call.callId(), call.name(), args);
        };
    }

    private static ToolCall shell(ModelOutput.FunctionCall call, JsonNode args, List<String> argv) {
        if (argv == null || argv.isEmpty()) {
            return new Invalid(call.callId(), call.name(), "`command` must be a non-empty list of strings");
        }
        long timeout = args.path("timeout_ms").isIntegralNumber() ? args.get("timeout_ms").asLong()
                : DEFAULT_SHELL_TIMEOUT_MS;
        boolean escalated = "require_escalated".equals(text(args, "sandbox_permissions"))
                || args.path("with_escalated_permissions").asBoolean(false);
        return new Shell(call.callId(), argv, text(args, "workdir"), timeout, escalated, text(args, "justification"));
    }

    private static List<String> argv(JsonNode command) {
        if (command == null || !command.isArray()) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode part : command) {
            if (!part.isTextual()) {
                return null;
            }
            argv.add(part.asText());
        }
        return argv;
    }

    private static String text(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
