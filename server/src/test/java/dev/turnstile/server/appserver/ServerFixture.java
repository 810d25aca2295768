package dev.turnstile.server.appserver;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.store.ChronicleJournal;
import dev.turnstile.journal.store.JournalConfig;
import dev.turnstile.server.appserver.threads.ThreadCatalog;
import java.nio.file.Path;

/** An app-server on a real journal in a temporary directory, with the {@link MockModel}. */
final class ServerFixture implements AutoCloseable {
    final ChronicleJournal journal;
    final TurnstileHost host;
    final ThreadCatalog catalog;
    final AppServer server;
    final MockModel model = new MockModel();

    ServerFixture(Path data) throws Exception {
        this(data, 1024, PermissionsConfig.empty());
    }

    ServerFixture(Path data, int ringSize) throws Exception {
        this(data, ringSize, PermissionsConfig.empty());
    }

    /** With the permission profiles of a configuration file ({@code --config}). */
    ServerFixture(Path data, PermissionsConfig permissions) throws Exception {
        this(data, 1024, permissions);
    }

    ServerFixture(Path data, int ringSize, PermissionsConfig permissions) throws Exception {
        journal = ChronicleJournal.open(new JournalConfig(data, 2, Durability.OS, "test"), n -> { });
        host = TurnstileHost.start(HostConfig.of(new PipelineConfig(2, ringSize, WaitStrategyKind.BLOCKING),
                model).withRollouts(journal).withPermissions(permissions));
        catalog = ThreadCatalog.open(data.resolve("appserver").resolve("threads.jsonl"));
        server = new AppServer(host, catalog, new AppServer.Settings(data.toString(),
                AppServer.Settings.DEFAULT_MAX_MESSAGE_BYTES));
    }

    @Override
    public void close() throws Exception {
        server.close();
        host.close();
        catalog.close();
        journal.close();
    }
}
