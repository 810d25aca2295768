package dev.turnstile.server.appserver;

import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.server.appserver.methods.Call;
import dev.turnstile.server.appserver.methods.Method;
import dev.turnstile.server.appserver.methods.Methods;
import dev.turnstile.server.appserver.rpc.Inbound;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.tenants.Tenant;
import dev.turnstile.server.appserver.tenants.TenantUsage;
import dev.turnstile.server.appserver.threads.LoadedThread;
import dev.turnstile.server.appserver.threads.ThreadCatalog;
import dev.turnstile.server.appserver.transport.Outbound;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app-server (spec §4): JSON-RPC v2 over any transport, many connections and tenants in one process, on an
 * embedded {@link TurnstileHost}. Transports call {@link #connect} per client and feed it messages; this class
 * checks the handshake, routes each request to its {@link Method}, and keeps the loaded threads.
 *
 * <p>Threading: every public method is safe from any thread.
 */
public final class AppServer implements LoadedThread.Host, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppServer.class);

    /**
     * How the server presents itself and what it allows.
     *
     * @param codexHome       reported by {@code initialize} (the data directory)
     * @param maxMessageBytes the largest message a transport accepts; a larger one is answered with an error
     */
    public record Settings(String codexHome, int maxMessageBytes) {
        public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    }

    private final TurnstileHost host;
    private final ThreadCatalog catalog;
    private final Settings settings;
    private final ExecutorService carrier = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("turnstile-appserver-", 0).factory());
    private final ConcurrentHashMap<String, LoadedThread> loaded = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TenantUsage> usage = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Map<String, Method> methods;
    private volatile Consumer<Connection> onConnectionClosed = connection -> { };

    public AppServer(TurnstileHost host, ThreadCatalog catalog, Settings settings) {
        this.host = host;
        this.catalog = catalog;
        this.settings = settings;
        this.methods = Methods.all(this);
    }

    public Settings settings() {
        return settings;
    }

    /** A new client; each initializes separately. */
    public Connection connect(Tenant tenant, Outbound out) {
        Connection connection = new Connection(connectionIds.incrementAndGet(), this, usageOf(tenant), out);
        connections.add(connection);
        return connection;
    }

    /** What a tenant uses now (created on first use). */
    public TenantUsage usageOf(Tenant tenant) {
        return usage.computeIfAbsent(tenant.id(), id -> new TenantUsage(tenant, System::nanoTime));
    }

    /** Called (on the closing thread) whenever a connection closes, e.g. to observe cut-offs. */
    public void onConnectionClosed(Consumer<Connection> listener) {
        this.onConnectionClosed = listener;
    }

    public Collection<Connection> connections() {
        return List.copyOf(connections);
    }

    // ---- dispatch -----------------------------------------------------------------------------

    void dispatch(Connection connection, Inbound.Request request) {
        Method method = methods.get(request.method());
        try {
            if (method == null) {
                throw RpcException.invalidRequest("Invalid request: unknown variant `" + request.method()
                        + "`, expected one of " + Methods.names(methods));
            }
            boolean handshake = request.method().equals("initialize");
            if (!handshake && !connection.initialized()) {
                throw RpcException.invalidRequest("Not initialized");
            }
            method.handle(new Call(connection, request.id(), request.method(), Params.of(request.params())));
        } catch (RpcException e) {
            connection.fail(request.id(), e);
        } catch (RuntimeException e) {
            LOG.error("{} failed on {}", request.method(), connection, e);
            connection.sendError(request.id(), new RpcError(RpcError.INTERNAL_ERROR, "internal error while handling `"
                    + request.method() + "`: " + e, null));
        }
    }

    void notificationFrom(Connection connection, Inbound.Notification notification) {
        if (!notification.method().equals("initialized")) {
            LOG.debug("{} sent notification {}; ignored", connection, notification.method());
        }
    }

    // ---- loaded threads -------------------------------------------------------------------------

    public LoadedThread loaded(String threadId) {
        return loaded.get(threadId);
    }

    /** Registers a newly loading thread; false when another is registered under the id. */
    public boolean register(LoadedThread thread) {
        return loaded.putIfAbsent(thread.threadId(), thread) == null;
    }

    public Collection<LoadedThread> loadedThreads() {
        return List.copyOf(loaded.values());
    }

    @Override
    public void unloaded(LoadedThread thread) {
        loaded.remove(thread.threadId(), thread);
    }

    @Override
    public void following(Connection connection, String threadId, boolean follows) {
        if (follows) {
            connection.follow(threadId);
        } else {
            connection.unfollow(threadId);
        }
    }

    void connectionLeft(Connection connection, String threadId) {
        LoadedThread thread = loaded.get(threadId);
        if (thread != null) {
            thread.run(() -> thread.unsubscribe(connection));
        }
    }

    void connectionClosed(Connection connection) {
        connections.remove(connection);
        onConnectionClosed.accept(connection);
    }

    @Override
    public TurnstileHost core() {
        return host;
    }

    @Override
    public ThreadCatalog catalog() {
        return catalog;
    }

    @Override
    public ExecutorService carrier() {
        return carrier;
    }

    /** Closes every connection; the host and catalog are closed by whoever opened them. */
    @Override
    public void close() {
        for (Connection connection : List.copyOf(connections)) {
            connection.close("the server is shutting down");
        }
        carrier.shutdown();
    }
}
