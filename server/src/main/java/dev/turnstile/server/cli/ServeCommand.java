package dev.turnstile.server.cli;

import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.tenants.TenantRegistry;
import dev.turnstile.server.appserver.threads.ThreadCatalog;
import dev.turnstile.server.appserver.transport.StdioTransport;
import dev.turnstile.server.appserver.transport.WebSocketServer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./turnstile serve}: the app-server (spec §4), JSON-RPC v2 without the {@code jsonrpc} member. On stdio by
 * default (one message per line; the single local tenant); {@code --listen ws://IP:PORT} serves WebSocket for many
 * clients and tenants. stdout carries only protocol lines, so remarks go to stderr.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "The app-server: JSON-RPC v2 (Codex's app-server protocol) over stdio or WebSocket.",
            "stdio (default): one message per line on stdin/stdout, the single local tenant; ends at the end of "
                    + "stdin, after answering what was asked.",
            "--listen ws://127.0.0.1:PORT: one message per WebSocket text frame, GET /readyz and /healthz; with "
                    + "--tenants, clients authenticate with 'Authorization: Bearer <token>'.",
            "Threads are journaled in --data (unless --ephemeral); their owners, names and archive state in "
                    + "<data>/appserver/threads.jsonl."})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    HostOptions options;

    @Option(names = "--listen", paramLabel = "URL", defaultValue = "stdio://",
            description = "stdio:// (default) or ws://IP:PORT (PORT 0 picks a free port).")
    String listen;

    @Option(names = "--tenants", paramLabel = "FILE",
            description = "Tenants file: one tenant a line, 'id sha256:<hex of the token> [loaded-threads=N] "
                    + "[in-flight-turns=N] [submissions-per-second=N]'. Without it every client is the local tenant.")
    Path tenants;

    @Option(names = "--outbound-buffer", paramLabel = "BYTES", defaultValue = "8388608",
            description = "How many bytes may wait for a WebSocket client, besides the largest message waiting, "
                    + "before it is cut off as too slow (default: ${DEFAULT-VALUE}); one answer larger than this "
                    + "(a resumed history) still goes out to a client that reads.")
    long outboundBuffer;

    @Override
    public Integer call() throws Exception {
        Endpoint endpoint = Endpoint.parse(listen);
        TenantRegistry registry = tenants == null ? TenantRegistry.localOnly() : TenantRegistry.load(tenants);
        if (endpoint.stdio() && tenants != null) {
            throw new IllegalArgumentException("--tenants needs --listen ws://IP:PORT: stdio is the single local "
                    + "tenant");
        }
        try (HostRuntime runtime = HostRuntime.open(options, "turnstile serve", System.err);
             ThreadCatalog catalog = options.ephemeral() ? ThreadCatalog.inMemory()
                     : ThreadCatalog.open(options.data().resolve("appserver").resolve("threads.jsonl"))) {
            String home = options.ephemeral() ? Path.of("").toAbsolutePath().toString()
                    : options.data().toAbsolutePath().normalize().toString();
            try (AppServer server = new AppServer(runtime.host(), catalog,
                    new AppServer.Settings(home, AppServer.Settings.DEFAULT_MAX_MESSAGE_BYTES))) {
                System.err.println("turnstile serve: model " + options.model().describe() + ", "
                        + options.describeShards() + "; data " + runtime.describePersistence());
                if (endpoint.stdio()) {
                    new StdioTransport(new FileOutputStream(FileDescriptor.out), System.err,
                            StdioTransport.DEFAULT_OUTBOUND_CAPACITY).run(server, System.in);
                    return 0;
                }
                try (WebSocketServer ws = WebSocketServer.start(server, registry, endpoint.address(),
                        outboundBuffer)) {
                    System.err.println("turnstile serve: listening on ws://" + ws.address().getHostString() + ":"
                            + ws.address().getPort() + " (" + registry.describe() + ")");
                    CountDownLatch stop = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                    stop.await();
                }
            }
        }
        return 0;
    }

    /** Where to listen: stdio, or a WebSocket address. */
    record Endpoint(boolean stdio, InetSocketAddress address) {
        static Endpoint parse(String url) {
            if (url.equals("stdio://") || url.equals("stdio")) {
                return new Endpoint(true, null);
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--listen " + url + " is not a URL: use stdio:// or ws://IP:PORT");
            }
            if (!"ws".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("--listen " + url + ": use stdio:// or ws://IP:PORT "
                        + "(e.g. ws://127.0.0.1:4500)");
            }
            return new Endpoint(false, new InetSocketAddress(uri.getHost(), uri.getPort()));
        }
    }
}
