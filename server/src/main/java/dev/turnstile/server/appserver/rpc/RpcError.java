package dev.turnstile.server.appserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code error} member of a JSON-RPC error response: a code of spec §4.3, a message a person can act on, and
 * optional {@code data} (omitted when null, as Codex omits it).
 */
public record RpcError(int code, String message, JsonNode data) {
    /** Most semantic failures, unknown methods and bad params, as Codex answers them. */
    public static final int INVALID_REQUEST = -32600;
    /** An operation that exists in the protocol but is deliberately not supported. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Input that is too large (spec §3.4 step 1). */
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The ingress ring is full: nothing was applied, the client may retry. */
    public static final int OVERLOADED = -32001;
    /** The text was not JSON at all (JSON-RPC 2.0's parse error; the id is then null). */
    public static final int PARSE_ERROR = -32700;

    public static final String OVERLOADED_MESSAGE = "Server overloaded; retry later.";

    public RpcError {
        if (message == null) {
            throw new IllegalArgumentException("an error needs a message");
        }
    }

    public static RpcError invalidRequest(String message) {
        return new RpcError(INVALID_REQUEST, message, null);
    }

    public static RpcError overloaded() {
        return new RpcError(OVERLOADED, OVERLOADED_MESSAGE, null);
    }

    public RpcException exception() {
        return new RpcException(this);
    }
}
