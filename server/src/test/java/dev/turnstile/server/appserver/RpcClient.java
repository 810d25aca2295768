package dev.turnstile.server.appserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JSON-RPC client for tests, over any transport: what the server sends lands in {@link #inbox}; helpers send
 * requests and read until the answer or notification they wait for, keeping everything read in {@link #seen}.
 */
abstract class RpcClient implements AutoCloseable {
    static final long WAIT_SECONDS = 30;

    final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    final List<JsonNode> seen = new ArrayList<>();
    private long nextId = 1;

    /** For failure messages: whether the transport is still open, and if not why. */
    String state() {
        return "open";
    }

    /** Sends one raw message (a line, or a text frame). */
    abstract void sendRaw(String text);

    void received(String text) {
        try {
            inbox.add(MessageCodec.JSON.readTree(text));
        } catch (Exception e) {
            throw new AssertionError("the server sent text that is not JSON: " + text, e);
        }
    }

    long send(String method, JsonNode params) {
        long id = nextId++;
        ObjectNode message = MessageCodec.NODES.objectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        sendRaw(message.toString());
        return id;
    }

    /** Sends a request and returns its result (failing the test on an error answer). */
    JsonNode call(String method, JsonNode params) {
        JsonNode answer = answerTo(send(method, params));
        assertThat(answer.has("error")).as("%s answered %s", method, answer).isFalse();
        return answer.get("result");
    }

    /** Sends a request and returns its error member (failing the test on a result). */
    JsonNode callError(String method, JsonNode params) {
        JsonNode answer = answerTo(send(method, params));
        assertThat(answer.has("error")).as("%s answered %s", method, answer).isTrue();
        return answer.get("error");
    }

    JsonNode answerTo(long id) {
        return next(message -> !message.has("method") && message.path("id").asLong(-1) == id
                && message.path("id").isIntegralNumber());
    }

    JsonNode notification(String method) {
        return next(message -> method.equals(message.path("method").asText()) && !message.has("id"));
    }

    /** Reads until a message matches (the ones read on the way are kept in {@link #seen}). */
    JsonNode next(Predicate<JsonNode> wanted) {
        for (int i = 0; i < seen.size(); i++) {
            if (wanted.test(seen.get(i)) && !consumed.contains(i)) {
                consumed.add(i);
                return seen.get(i);
            }
        }
        while (true) {
            JsonNode message = poll();
            if (message == null) {
                throw new AssertionError("nothing matching arrived within " + WAIT_SECONDS + " s (connection "
                        + state() + "); seen: " + seen);
            }
            seen.add(message);
            if (wanted.test(message)) {
                consumed.add(seen.size() - 1);
                return message;
            }
        }
    }

    private final java.util.Set<Integer> consumed = new java.util.HashSet<>();

    /** The next message, or null when none arrives within the wait. */
    private JsonNode poll() {
        try {
            return inbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Reads until {@code count} notifications of {@code method} have been seen in all. */
    void awaitCount(String method, long count) {
        while (seen.stream().filter(m -> method.equals(m.path("method").asText()) && !m.has("id")).count() < count) {
            JsonNode message = poll();
            if (message == null) {
                throw new AssertionError(count + " " + method + " did not arrive within " + WAIT_SECONDS
                        + " s; seen: " + methodsSeen());
            }
            seen.add(message);
        }
    }

    /** The methods of the notifications seen so far, in order. */
    List<String> methodsSeen() {
        return seen.stream().filter(m -> m.has("method") && !m.has("id")).map(m -> m.get("method").asText())
                .toList();
    }

    void initialize(boolean experimental) {
        ObjectNode params = MessageCodec.NODES.objectNode();
        params.putObject("clientInfo").put("name", "test_client").putNull("title").put("version", "0.1.0");
        params.putObject("capabilities").put("experimentalApi", experimental);
        call("initialize", params);
        sendRaw("{\"method\":\"initialized\"}");
    }

    static ObjectNode params() {
        return MessageCodec.NODES.objectNode();
    }

    static ObjectNode text(ObjectNode params, String text) {
        params.putArray("input").addObject().put("type", "text").put("text", text).putArray("text_elements");
        return params;
    }
}
