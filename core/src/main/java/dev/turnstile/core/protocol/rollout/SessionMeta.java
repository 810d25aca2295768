package dev.turnstile.core.protocol.rollout;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.UnknownFields;
import java.util.Map;

/**
 * The payload of a {@code session_meta} line: upstream's {@code SessionMeta} fields flattened with the
 * optional {@code git} object. {@code source} ({@code "cli"}, {@code {"subagent": ...}}, ...),
 * {@code base_instructions} ({@code {"text": ...}}), {@code dynamic_tools} and {@code git} are kept as JSON;
 * {@code model_provider} and {@code base_instructions} are always written (null when unknown); other optional
 * members are omitted when null. {@code agent_type} is read as {@code agent_role}.
 */
public record SessionMeta(String id, String forkedFromId, String timestamp, String cwd, String originator,
        String cliVersion, JsonNode source, String threadSource, String agentNickname,
        @JsonAlias("agent_type") String agentRole, String agentPath,
        @JsonInclude(Include.ALWAYS) String modelProvider, @JsonInclude(Include.ALWAYS) JsonNode baseInstructions,
        JsonNode dynamicTools, String memoryMode, JsonNode git, @UnknownFields Map<String, JsonNode> unknownFields) {
    public SessionMeta {
        Fields.required(id, "id");
        baseInstructions = Fields.nullIfJsonNull(baseInstructions);
        unknownFields = Fields.unknown(unknownFields);
    }

    /** The text of {@code base_instructions}, or null. */
    public String baseInstructionsText() {
        if (baseInstructions == null || !baseInstructions.hasNonNull("text")) {
            return null;
        }
        return baseInstructions.get("text").asText();
    }
}
