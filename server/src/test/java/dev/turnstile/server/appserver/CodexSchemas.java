package dev.turnstile.server.appserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON schemas recorded from Codex 0.169 ({@code shared/fixtures/codex-0.169/schema/}), loaded with
 * networknt's validator. Loaded leniently, as the fixtures' README says: responses carry fields the stable schema
 * filters out, so {@code additionalProperties: false} is dropped before loading; everything else (required members,
 * types, enums, tagged unions) is checked as written.
 */
final class CodexSchemas {
    static final Path ROOT = Path.of("..", "..", "shared", "fixtures", "codex-0.169", "schema");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    /** Response schemas by method (thread/rollback has none in 0.169: it is checked as a plain response). */
    private static final Map<String, String> RESPONSES = Map.ofEntries(
            Map.entry("initialize", "v1/InitializeResponse.json"),
            Map.entry("thread/start", "v2/ThreadStartResponse.json"),
            Map.entry("thread/resume", "v2/ThreadResumeResponse.json"),
            Map.entry("thread/fork", "v2/ThreadForkResponse.json"),
            Map.entry("thread/read", "v2/ThreadReadResponse.json"),
            Map.entry("thread/list", "v2/ThreadListResponse.json"),
            Map.entry("thread/loaded/list", "v2/ThreadLoadedListResponse.json"),
            Map.entry("thread/turns/list", "v2/ThreadTurnsListResponse.json"),
            Map.entry("thread/revert", "v2/ThreadRevertResponse.json"),
            Map.entry("thread/archive", "v2/ThreadArchiveResponse.json"),
            Map.entry("thread/unarchive", "v2/ThreadUnarchiveResponse.json"),
            Map.entry("thread/unsubscribe", "v2/ThreadUnsubscribeResponse.json"),
            Map.entry("thread/name/set", "v2/ThreadSetNameResponse.json"),
            Map.entry("thread/compact/start", "v2/ThreadCompactStartResponse.json"),
            Map.entry("thread/shellCommand", "v2/ThreadShellCommandResponse.json"),
            Map.entry("turn/start", "v2/TurnStartResponse.json"),
            Map.entry("turn/steer", "v2/TurnSteerResponse.json"),
            Map.entry("turn/interrupt", "v2/TurnInterruptResponse.json"),
            Map.entry("review/start", "v2/ReviewStartResponse.json"));

    private CodexSchemas() {
    }

    static boolean available() {
        return Files.isDirectory(ROOT);
    }

    /** The problems of one message the server sent, in answer to {@code method} when it is a response. */
    static List<String> problems(JsonNode message, String method) {
        if (message.has("error")) {
            return check("JSONRPCError.json", message);
        }
        if (message.has("result")) {
            List<String> envelope = check("JSONRPCResponse.json", message);
            String schema = RESPONSES.get(method);
            return schema == null ? envelope : check(schema, message.get("result"));
        }
        if (message.has("id")) {
            return check("ServerRequest.json", message);
        }
        return check("ServerNotification.json", message);
    }

    private static List<String> check(String file, JsonNode value) {
        Schema schema = CACHE.computeIfAbsent(file, CodexSchemas::load);
        return schema.validate(value).stream().map(Error::toString).map(problem -> file + ": " + problem).toList();
    }

    private static Schema load(String file) {
        try {
            JsonNode tree = MessageCodec.JSON.readTree(Files.readString(ROOT.resolve(file)));
            return REGISTRY.getSchema(lenient(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
    }

    /** Drops {@code additionalProperties: false} everywhere; a tagged union still picks its variant by tag. */
    static JsonNode lenient(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode additional = object.get("additionalProperties");
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                object.remove("additionalProperties");
            }
            object.forEach(CodexSchemas::lenient);
        } else if (node instanceof ArrayNode array) {
            array.forEach(CodexSchemas::lenient);
        }
        return node;
    }
}
