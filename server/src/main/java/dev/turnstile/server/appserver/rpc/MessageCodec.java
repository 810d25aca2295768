package dev.turnstile.server.appserver.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads and writes the JSON-RPC messages of spec §4.1: no {@code jsonrpc} member is required or sent; ids are
 * strings or integers. Writing is done with one shared mapper; every output is one line of JSON (no newline inside),
 * so the same text can go to a stdio line or a WebSocket text frame.
 *
 * <p>Threading: stateless, safe from any thread.
 */
public final class MessageCodec {
    public static final ObjectMapper JSON = mapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageCodec() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        // A message may be up to the transport's limit; Jackson's default string limit (20 MB) is higher anyway,
        // but nesting is bounded so a hostile message cannot exhaust the stack.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
        return mapper;
    }

    /**
     * Parses one message.
     *
     * @throws Malformed when the text is not a JSON-RPC message; {@link Malformed#id} is the request id when one
     *                   could be read, so the error can answer it
     */
    public static Inbound parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed(null, new RpcError(RpcError.PARSE_ERROR, "Parse error: the message is not valid JSON ("
                    + e.getOriginalMessage() + ")", null));
        }
        if (node == null || !node.isObject()) {
            throw new Malformed(null, RpcError.invalidRequest("Invalid request: a message must be a JSON object, got "
                    + (node == null ? "nothing" : Params.describe(node))));
        }
        JsonNode idNode = node.get("id");
        RequestId id = RequestId.valid(idNode) ? new RequestId(idNode) : null;
        if (idNode != null && !idNode.isNull() && id == null) {
            throw new Malformed(null, RpcError.invalidRequest("Invalid request: `id` must be a string or an integer, got "
                    + Params.describe(idNode)));
        }
        JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isTextual()) {
                throw new Malformed(id, RpcError.invalidRequest("Invalid request: `method` must be a string, got "
                        + Params.describe(method)));
            }
            JsonNode params = node.get("params");
            return id == null ? new Inbound.Notification(method.asText(), params)
                    : new Inbound.Request(id, method.asText(), params);
        }
        if (id != null && node.has("result")) {
            return new Inbound.Response(id, node.get("result"));
        }
        if (id != null && node.has("error")) {
            return new Inbound.ErrorReply(id, node.get("error"));
        }
        throw new Malformed(id, RpcError.invalidRequest(
                "Invalid request: a message needs a `method` (request or notification) or an `id` with a `result` "
                        + "or `error` (response)"));
    }

    /**
     * The id of a request too large to be read whole, found by reading only as far as its top-level {@code id} (the
     * other members are skipped, not built): so the error that refuses it can answer it. Null when the text has no
     * such id before it ends or stops being JSON (e.g. only the start of a message was kept).
     */
    public static RequestId peekId(String text) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("id")) {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        return RequestId.of(parser.getLongValue());
                    }
                    return value == JsonToken.VALUE_STRING ? RequestId.of(parser.getText()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static String response(RequestId id, JsonNode result) {
        ObjectNode out = NODES.objectNode();
        out.set("id", id.json());
        out.set("result", result == null ? NODES.objectNode() : result);
        return write(out);
    }

    /** An error answer; {@code id} null answers a message whose id could not be read. */
    public static String error(RequestId id, RpcError error) {
        ObjectNode out = NODES.objectNode();
        out.set("id", id == null ? NODES.nullNode() : id.json());
        ObjectNode body = out.putObject("error");
        body.put("code", error.code());
        body.put("message", error.message());
        if (error.data() != null) {
            body.set("data", error.data());
        }
        return write(out);
    }

    public static String notification(String method, JsonNode params) {
        ObjectNode out = NODES.objectNode();
        out.put("method", method);
        if (params != null) {
            out.set("params", params);
        }
        return write(out);
    }

    public static String request(long id, String method, JsonNode params) {
        ObjectNode out = NODES.objectNode();
        out.put("method", method);
        out.put("id", id);
        out.set("params", params);
        return write(out);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A message that cannot be handled; answered with {@link #error}, and the connection goes on. */
    public static final class Malformed extends RuntimeException {
        private final transient RequestId id;
        private final transient RpcError error;

        Malformed(RequestId id, RpcError error) {
            super(error.message(), null, false, false);
            this.id = id;
            this.error = error;
        }

        public RequestId id() {
            return id;
        }

        public RpcError error() {
            return error;
        }
    }
}
