package dev.turnstile.server.appserver.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.event.TokenUsage;
import dev.turnstile.core.protocol.event.TokenUsageInfo;
import dev.turnstile.core.protocol.item.AgentMessageContent;
import dev.turnstile.core.protocol.item.TextElement;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The v2 JSON shapes of spec §4.5 built from core values. The core writes snake_case with snake_case tags (as
 * Codex's rollout does); v2 is camelCase with camelCase tags, so most conversions go through {@link #camel}.
 */
public final class V2 {
    private static final ProtocolCodec CODEC = ProtocolCodec.shared();

    private V2() {
    }

    public static ObjectNode object() {
        return MessageCodec.NODES.objectNode();
    }

    // ---- names ---------------------------------------------------------------------------------

    /** {@code thread_rollback_failed} → {@code threadRollbackFailed}; {@code AgentMessage} → {@code agentMessage}. */
    public static String camelName(String name) {
        if (name.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '-') {
                upper = out.length() > 0;
            } else if (upper) {
                out.append(Character.toUpperCase(c));
                upper = false;
            } else {
                out.append(out.length() == 0 ? Character.toLowerCase(c) : c);
            }
        }
        return out.toString();
    }

    /** {@code networkAccess} → {@code network_access}. */
    public static String snakeName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A core value's JSON with every member name, and every {@code type} tag and top-level string, in camelCase
     * (the v2 spelling of policies, error infos, review targets).
     */
    public static JsonNode camel(Object coreValue) {
        return coreValue == null ? MessageCodec.NODES.nullNode() : camelTree(CODEC.toTree(coreValue), true);
    }

    private static JsonNode camelTree(JsonNode node, boolean renameStrings) {
        if (node.isObject()) {
            ObjectNode out = object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                boolean tag = field.getKey().equals("type") && value.isTextual();
                out.set(camelName(field.getKey()), tag ? TextNode.valueOf(camelName(value.asText()))
                        : camelTree(value, false));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MessageCodec.NODES.arrayNode();
            node.forEach(item -> out.add(camelTree(item, false)));
            return out;
        }
        if (renameStrings && node.isTextual()) {
            return TextNode.valueOf(camelName(node.asText()));
        }
        return node;
    }

    /** The reverse of {@link #camel} for input: member names and {@code type} tags to snake_case. */
    public static JsonNode snake(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = object();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                boolean tag = field.getKey().equals("type") && value.isTextual();
                out.set(snakeName(field.getKey()), tag ? TextNode.valueOf(snakeName(value.asText())) : snake(value));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MessageCodec.NODES.arrayNode();
            node.forEach(item -> out.add(snake(item)));
            return out;
        }
        return node;
    }

    // ---- inputs and items ------------------------------------------------------------------------

    /** v2 {@code UserInput} of a core input. */
    public static ObjectNode userInput(UserInput input) {
        ObjectNode out = object();
        switch (input) {
            case UserInput.Text text -> {
                out.put("type", "text").put("text", text.text());
                out.set("text_elements", textElements(text.textElements()));
            }
            case UserInput.Image image -> out.put("type", "image").put("url", image.imageUrl());
            case UserInput.LocalImage local -> out.put("type", "localImage").put("path", local.path());
            case UserInput.Skill skill -> out.put("type", "skill").put("name", skill.name()).put("path", skill.path());
            case UserInput.Mention mention -> out.put("type", "mention").put("name", mention.name())
                    .put("path", mention.path());
            case UserInput.Unknown unknown -> {
                out.put("type", camelName(unknown.type()));
                out.setAll((ObjectNode) camelTree(unknown.body(), false));
            }
        }
        return out;
    }

    /** The {@code text_elements} of a text input: {@code [{byteRange: {start, end}, placeholder}]}. */
    public static ArrayNode textElements(List<TextElement> elements) {
        ArrayNode out = MessageCodec.NODES.arrayNode();
        for (TextElement element : elements) {
            ObjectNode e = out.addObject();
            e.putObject("byteRange").put("start", element.byteRange().start()).put("end", element.byteRange().end());
            e.put("placeholder", element.placeholder());
        }
        return out;
    }

    public static ArrayNode userInputs(List<UserInput> inputs) {
        ArrayNode out = MessageCodec.NODES.arrayNode();
        inputs.forEach(input -> out.add(userInput(input)));
        return out;
    }

    /** v2 {@code ThreadItem} of a core turn item. */
    public static ObjectNode item(TurnItem item) {
        ObjectNode out = object();
        switch (item) {
            case TurnItem.UserMessage user -> {
                out.put("type", "userMessage").put("id", user.id());
                out.set("content", userInputs(user.content()));
            }
            case TurnItem.AgentMessage agent -> {
                out.put("type", "agentMessage").put("id", agent.id()).put("text", agentText(agent));
                out.set("phase", agent.phase() == null ? MessageCodec.NODES.nullNode() : CODEC.toTree(agent.phase()));
                out.set("memoryCitation", agent.memoryCitation() == null ? MessageCodec.NODES.nullNode()
                        : camelTree(agent.memoryCitation(), false));
            }
            case TurnItem.Plan plan -> out.put("type", "plan").put("id", plan.id()).put("text", plan.text());
            case TurnItem.Reasoning reasoning -> {
                out.put("type", "reasoning").put("id", reasoning.id());
                ArrayNode summary = out.putArray("summary");
                reasoning.summaryText().forEach(summary::add);
                ArrayNode content = out.putArray("content");
                reasoning.rawContent().forEach(content::add);
            }
            case TurnItem.CommandExecution command -> {
                out.put("type", "commandExecution").put("id", command.id())
                        .put("command", shellJoin(command.command())).put("cwd", command.cwd())
                        .put("processId", command.processId())
                        .put("source", command.source() == null ? "agent" : camelName(command.source()))
                        .put("status", command.status() == null ? "inProgress" : camelName(command.status()));
                out.set("commandActions", commandActions(command.command()));
                out.put("aggregatedOutput", command.aggregatedOutput());
                if (command.exitCode() == null) {
                    out.putNull("exitCode");
                } else {
                    out.put("exitCode", command.exitCode());
                }
                out.putNull("durationMs");
            }
            case TurnItem.WebSearch search -> {
                out.put("type", "webSearch").put("id", search.id()).put("query", search.query() == null ? ""
                        : search.query());
                out.set("action", search.action() == null ? MessageCodec.NODES.nullNode()
                        : camelTree(search.action(), false));
            }
            case TurnItem.ImageGeneration image -> out.put("type", "imageGeneration").put("id", image.id())
                    .put("status", image.status() == null ? "" : image.status())
                    .put("revisedPrompt", image.revisedPrompt()).put("savedPath", image.savedPath());
            case TurnItem.ContextCompaction compaction -> out.put("type", "contextCompaction")
                    .put("id", compaction.id());
            case TurnItem.Unknown unknown -> {
                out.put("type", camelName(unknown.type()));
                out.setAll((ObjectNode) camelTree(unknown.body(), false));
            }
        }
        return out;
    }

    private static String agentText(TurnItem.AgentMessage agent) {
        StringBuilder text = new StringBuilder();
        for (AgentMessageContent part : agent.content()) {
            if (part instanceof AgentMessageContent.Text t) {
                text.append(t.text());
            }
        }
        return text.toString();
    }

    /** A command as one string, quoting parts that need it (what v2 shows a person). */
    public static String shellJoin(List<String> argv) {
        StringBuilder out = new StringBuilder();
        for (String part : argv) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (!part.isEmpty() && part.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0)) {
                out.append(part);
            } else {
                out.append('\'').append(part.replace("'", "'\\''")).append('\'');
            }
        }
        return out.toString();
    }

    /** The parsed actions of a command; Turnstile does not classify commands, so it is one {@code unknown}. */
    public static ArrayNode commandActions(List<String> argv) {
        ArrayNode actions = MessageCodec.NODES.arrayNode();
        String shown = argv.size() >= 3 && (argv.get(1).equals("-c") || argv.get(1).equals("-lc"))
                ? argv.get(argv.size() - 1) : shellJoin(argv);
        actions.addObject().put("type", "unknown").put("command", shown);
        return actions;
    }

    // ---- usage and errors -----------------------------------------------------------------------

    /** v2 {@code ThreadTokenUsage}. */
    public static ObjectNode tokenUsage(TokenUsageInfo info) {
        ObjectNode out = object();
        out.set("total", breakdown(info.totalTokenUsage()));
        out.set("last", breakdown(info.lastTokenUsage()));
        if (info.modelContextWindow() == null) {
            out.putNull("modelContextWindow");
        } else {
            out.put("modelContextWindow", info.modelContextWindow());
        }
        return out;
    }

    private static ObjectNode breakdown(TokenUsage usage) {
        return object().put("totalTokens", usage.totalTokens()).put("inputTokens", usage.inputTokens())
                .put("cachedInputTokens", usage.cachedInputTokens()).put("outputTokens", usage.outputTokens())
                .put("reasoningOutputTokens", usage.reasoningOutputTokens());
    }

    /** v2 {@code TurnError}. */
    public static ObjectNode turnError(String message, CodexErrorInfo info, String additionalDetails) {
        ObjectNode out = object().put("message", message);
        out.set("codexErrorInfo", info == null ? MessageCodec.NODES.nullNode() : camel(info));
        out.put("additionalDetails", additionalDetails);
        return out;
    }
}
