package dev.turnstile.core.turn.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A parsed model script: JSONL, one sampling step a line. Blank lines and lines starting with {@code #} are
 * skipped. Each thread walks the script from its first step, one step per sampling request, and starts over at
 * the end. Fields of a line:
 *
 * <pre>
 * message     the assistant's text                       "message": "Done: {{input}}"
 * chunks      how many deltas to stream it as (default 1) "chunks": 3
 * phase       null | "commentary" | "final_answer"        "phase": "final_answer"
 * reasoning   a reasoning summary emitted before the text "reasoning": "Looking at the files"
 * shell       run a command (string: bash -lc; or argv)   "shell": "ls -la"
 * approval    the command asks the user first             "approval": true, "justification": "needs to list"
 * tool        any other tool call                         "tool": {"name": "request_user_input", "arguments": {...}}
 * call_id     the tool call's id (default call_&lt;step&gt;)
 * error       fail the step with this model error         "error": "stream disconnected"
 * delay_ms    think this long before answering            "delay_ms": 500
 * usage       tokens to report                            "usage": {"input_tokens": 10, "output_tokens": 5}
 * </pre>
 */
public final class ModelScript {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("message", "chunks", "phase", "reasoning", "shell", "approval",
            "justification", "tool", "call_id", "error", "delay_ms", "usage");

    private final List<ScriptStep> steps;
    private final String source;

    private ModelScript(List<ScriptStep> steps, String source) {
        if (steps.isEmpty()) {
            throw new ModelScriptException(source + ": the script has no steps");
        }
        this.steps = List.copyOf(steps);
        this.source = source;
    }

    /** The built-in script used when no {@code --model} is given: every step echoes the user's input. */
    public static ModelScript echo() {
        return new ModelScript(List.of(ScriptStep.echo()), "built-in echo script");
    }

    public static ModelScript load(Path file) {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelScriptException("model script " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelScriptException("cannot read model script " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static ModelScript parse(String text, String source) {
        List<ScriptStep> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            steps.add(parseLine(line, i + 1, source));
        }
        return new ModelScript(steps, source);
    }

    public List<ScriptStep> steps() {
        return steps;
    }

    public String source() {
        return source;
    }

    /** The step that answers the thread's {@code samplingIndex}-th request. */
    public ScriptStep stepFor(long samplingIndex) {
        return steps.get((int) Math.floorMod(samplingIndex, (long) steps.size()));
    }

    private static ScriptStep parseLine(String line, int lineNumber, String source) {
        String where = source + " line " + lineNumber;
        final JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ModelScriptException(where + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ModelScriptException(where + ": a step must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ModelScriptException(where + ": unknown field `" + name + "` (known: " + FIELDS + ")");
            }
        }
        String message = text(object, "message", where);
        String reasoning = text(object, "reasoning", where);
        String error = text(object, "error", where);
        int chunks = object.has("chunks") ? positiveInt(object.get("chunks"), "chunks", where) : 1;
        String phase = text(object, "phase", where);
        if (phase != null && !phase.equals("commentary") && !phase.equals("final_answer")) {
            throw new ModelScriptException(where + ": `phase` must be \"commentary\" or \"final_answer\"");
        }
        long delay = object.has("delay_ms") ? positiveOrZero(object.get("delay_ms"), "delay_ms", where) : 0;

        String functionName = null;
        String arguments = null;
        if (object.has("shell") && object.has("tool")) {
            throw new ModelScriptException(where + ": a step makes one tool call: `shell` or `tool`, not both");
        }
        if (object.has("shell")) {
            functionName = "shell";
            arguments = shellArguments(object, where).toString();
        } else if (object.has("tool")) {
            JsonNode tool = object.get("tool");
            if (!tool.isObject() || !tool.path("name").isTextual()) {
                throw new ModelScriptException(where + ": `tool` must be {\"name\": ..., \"arguments\": {...}}");
            }
            functionName = tool.get("name").asText();
            JsonNode args = tool.path("arguments");
            arguments = args.isMissingNode() ? "{}" : args.isTextual() ? args.asText() : args.toString();
        }
        if (message == null && functionName == null && error == null && reasoning == null) {
            throw new ModelScriptException(where + ": a step needs a `message`, a `shell` or `tool` call, or an `error`");
        }
        return new ScriptStep(lineNumber, reasoning, message, chunks, phase, functionName, arguments,
                text(object, "call_id", where), error, delay, usage(object.get("usage"), where));
    }

    private static ObjectNode shellArguments(ObjectNode object, String where) {
        JsonNode shell = object.get("shell");
        ArrayNode command = JSON.createArrayNode();
        if (shell.isTextual()) {
            command.add("bash").add("-lc").add(shell.asText());
        } else if (shell.isArray() && !shell.isEmpty()) {
            for (JsonNode part : shell) {
                if (!part.isTextual()) {
                    throw new ModelScriptException(where + ": `shell` as a list must hold strings only");
                }
                command.add(part.asText());
            }
        } else {
            throw new ModelScriptException(where + ": `shell` must be a command string or a non-empty list of strings");
        }
        ObjectNode arguments = JSON.createObjectNode();
        arguments.set("command", command);
        if (object.path("approval").asBoolean(false)) {
            arguments.put("sandbox_permissions", "require_escalated");
        }
        String justification = text(object, "justification", where);
        if (justification != null) {
            arguments.put("justification", justification);
        }
        return arguments;
    }

    private static ModelUsage usage(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ModelScriptException(where + ": `usage` must be an object");
        }
        return new ModelUsage(
                count(node, "input_tokens", where), count(node, "cached_input_tokens", where),
                count(node, "output_tokens", where), count(node, "reasoning_output_tokens", where));
    }

    private static long count(JsonNode usage, String field, String where) {
        JsonNode value = usage.get(field);
        return value == null ? 0 : positiveOrZero(value, "usage." + field, where);
    }

    private static String text(ObjectNode object, String field, String where) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ModelScriptException(where + ": `" + field + "` must be a string");
        }
        return value.asText();
    }

    private static int positiveInt(JsonNode value, String field, String where) {
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new ModelScriptException(where + ": `" + field + "` must be an integer >= 1");
        }
        return value.asInt();
    }

    private static long positiveOrZero(JsonNode value, String field, String where) {
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw new ModelScriptException(where + ": `" + field + "` must be an integer >= 0");
        }
        return value.asLong();
    }
}
