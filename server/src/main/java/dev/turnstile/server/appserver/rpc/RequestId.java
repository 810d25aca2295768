package dev.turnstile.server.appserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A JSON-RPC request id: a JSON string or an integer (spec §4.1). Kept as the JSON it arrived as, so the answer
 * carries exactly the same id (an integer stays an integer, {@code "7"} stays a string).
 */
public record RequestId(JsonNode json) {
    public RequestId {
        if (json == null || !(json.isTextual() || json.isIntegralNumber())) {
            throw new IllegalArgumentException("a request id is a string or an integer");
        }
    }

    public static RequestId of(long id) {
        return new RequestId(LongNode.valueOf(id));
    }

    public static RequestId of(String id) {
        return new RequestId(TextNode.valueOf(id));
    }

    /** True when {@code node} can be a request id. */
    public static boolean valid(JsonNode node) {
        return node != null && (node.isTextual() || node.isIntegralNumber());
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
