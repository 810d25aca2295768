package dev.turnstile.server.appserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message from a client, told apart by its members as JSON-RPC does (spec §4.1): a request has an id and a
 * method, a notification a method only, a response an id and a result, an error reply an id and an error. The
 * latter two answer the server's own requests (approvals).
 */
public sealed interface Inbound {

    /** A call the client expects an answer to. {@code params} is null when absent. */
    record Request(RequestId id, String method, JsonNode params) implements Inbound {
    }

    /** A message that expects no answer (in practice {@code initialized}). */
    record Notification(String method, JsonNode params) implements Inbound {
    }

    /** The client's answer to one of the server's requests. */
    record Response(RequestId id, JsonNode result) implements Inbound {
    }

    /** The client refused or failed one of the server's requests. */
    record ErrorReply(RequestId id, JsonNode error) implements Inbound {
    }
}
