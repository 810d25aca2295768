package dev.turnstile.server.appserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.server.appserver.rpc.Inbound;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import dev.turnstile.server.appserver.rpc.RequestId;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.tenants.TenantUsage;
import dev.turnstile.server.appserver.transport.Outbound;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the app-server (a stdio session or a WebSocket connection): its handshake state, its tenant, the
 * threads it follows, and the requests the server sent it that await an answer.
 *
 * <p>Threading: the transport hands each message to {@link #receive} on its I/O thread; messages are then handled
 * one at a time, in order, on this connection's mailbox (a virtual thread), so a handler may read the journal
 * without holding an I/O thread. Sending never blocks (see {@link Outbound}).
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final long id;
    private final AppServer server;
    private final TenantUsage tenant;
    private final Outbound out;
    private final SerialExecutor mailbox;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong nextServerRequestId = new AtomicLong();
    private final ConcurrentHashMap<Long, BiConsumer<JsonNode, JsonNode>> pendingServerRequests =
            new ConcurrentHashMap<>();
    private final Set<LoadedThreadRef> following = ConcurrentHashMap.newKeySet();
    private volatile boolean initialized;
    private volatile boolean experimentalApi;
    private volatile Set<String> optedOut = Set.of();

    /** A thread this connection follows (by id; the server resolves it). */
    public record LoadedThreadRef(String threadId) {
    }

    Connection(long id, AppServer server, TenantUsage tenant, Outbound out) {
        this.id = id;
        this.server = server;
        this.tenant = tenant;
        this.out = out;
        this.mailbox = new SerialExecutor(server.carrier(), "connection " + id);
    }

    public long id() {
        return id;
    }

    public TenantUsage tenant() {
        return tenant;
    }

    public String tenantId() {
        return tenant.tenant().id();
    }

    public boolean initialized() {
        return initialized;
    }

    public boolean experimentalApi() {
        return experimentalApi;
    }

    /** Marks the handshake done (called by {@code initialize}). */
    public void markInitialized(boolean experimental, Set<String> optOut) {
        this.experimentalApi = experimental;
        this.optedOut = Set.copyOf(optOut);
        this.initialized = true;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    // ---- inbound -------------------------------------------------------------------------------

    /** A message arrived (any I/O thread). */
    public void receive(String text) {
        mailbox.execute(() -> handle(text));
    }

    /** The transport refused a message before reading it (too large); answered in order with other messages. */
    public void refuse(RpcError error) {
        refuse(null, error);
    }

    /** As {@link #refuse(RpcError)}, answering {@code requestId} when the transport could tell it (null if not). */
    public void refuse(RequestId requestId, RpcError error) {
        mailbox.execute(() -> sendError(requestId, error));
    }

    private void handle(String text) {
        if (closed.get()) {
            return;
        }
        Inbound message;
        try {
            message = MessageCodec.parse(text);
        } catch (MessageCodec.Malformed malformed) {
            sendError(malformed.id(), malformed.error());
            return;
        }
        switch (message) {
            case Inbound.Request request -> {
                synchronized (unanswered) {
                    unanswered.add(request.id());
                }
                server.dispatch(this, request);
            }
            case Inbound.Notification notification -> server.notificationFrom(this, notification);
            case Inbound.Response response -> answerFromClient(response.id(), response.result(), null);
            case Inbound.ErrorReply reply -> answerFromClient(reply.id(), null, reply.error());
        }
    }

    private void answerFromClient(RequestId requestId, JsonNode result, JsonNode error) {
        BiConsumer<JsonNode, JsonNode> callback = requestId.json().canConvertToLong()
                ? pendingServerRequests.remove(requestId.json().asLong()) : null;
        if (callback == null) {
            LOG.debug("connection {} answered request {}, which is not pending; ignored", id, requestId);
            return;
        }
        callback.accept(result, error);
    }

    // ---- outbound ------------------------------------------------------------------------------

    public void respond(RequestId requestId, JsonNode result) {
        send(MessageCodec.response(requestId, result));
        answered(requestId);
    }

    public void sendError(RequestId requestId, RpcError error) {
        send(MessageCodec.error(requestId, error));
        answered(requestId);
    }

    /** Requests received and not answered yet (a multiset: the same id may be in flight twice). */
    private final java.util.List<RequestId> unanswered = new java.util.ArrayList<>();

    private void answered(RequestId requestId) {
        if (requestId == null) {
            return;
        }
        synchronized (unanswered) {
            unanswered.remove(requestId);
            unanswered.notifyAll();
        }
    }

    public void fail(RequestId requestId, RpcException e) {
        sendError(requestId, e.error());
    }

    /** A server notification, unless this client opted out of the method at {@code initialize}. */
    public void notify(String method, ObjectNode params) {
        if (!initialized || optedOut.contains(method)) {
            return;
        }
        send(MessageCodec.notification(method, params));
    }

    /**
     * Sends a request to the client (an approval); {@code onAnswer} gets (result, null) or (null, error) when the
     * client answers.
     *
     * @return the request's id on this connection
     */
    public long request(String method, ObjectNode params, BiConsumer<JsonNode, JsonNode> onAnswer) {
        long requestId = nextServerRequestId.getAndIncrement();
        pendingServerRequests.put(requestId, onAnswer);
        send(MessageCodec.request(requestId, method, params));
        return requestId;
    }

    /** Forgets a request the client no longer needs to answer (another client answered it first). */
    public void cancelRequest(long requestId) {
        pendingServerRequests.remove(requestId);
    }

    private void send(String json) {
        if (closed.get()) {
            return;
        }
        if (!out.send(json)) {
            // The transport cut the connection (its buffer was full, or it is gone).
            transportClosed();
        }
    }

    // ---- following threads ---------------------------------------------------------------------

    void follow(String threadId) {
        following.add(new LoadedThreadRef(threadId));
    }

    void unfollow(String threadId) {
        following.remove(new LoadedThreadRef(threadId));
    }

    /**
     * Waits until every request received so far is handled and every thread this connection follows has no turn
     * in flight (stdio at the end of its input: what was asked is answered before the process ends).
     */
    public void awaitQuiet(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.concurrent.CompletableFuture<Void> handled = new java.util.concurrent.CompletableFuture<>();
        mailbox.execute(() -> handled.complete(null));
        try {
            handled.get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            synchronized (unanswered) {
                while (!unanswered.isEmpty() && System.nanoTime() < deadline) {
                    unanswered.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            }
            for (LoadedThreadRef ref : java.util.List.copyOf(following)) {
                var thread = server.loaded(ref.threadId());
                if (thread == null) {
                    continue;
                }
                java.util.concurrent.CompletableFuture<Void> idle = new java.util.concurrent.CompletableFuture<>();
                thread.run(() -> thread.awaitTurnEnd(() -> idle.complete(null)));
                idle.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("{}: work was still running when the input ended", this);
        }
    }

    /** Closes the connection from the server side. */
    public void close(String reason) {
        out.close(reason);
        transportClosed();
    }

    /** The transport is gone (peer closed, cut off): the connection stops following its threads. */
    public void transportClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pendingServerRequests.clear();
        for (LoadedThreadRef ref : following) {
            server.connectionLeft(this, ref.threadId());
        }
        following.clear();
        server.connectionClosed(this);
    }

    @Override
    public String toString() {
        return "connection " + id + " (" + out.describe() + ", tenant " + tenantId() + ")";
    }
}
