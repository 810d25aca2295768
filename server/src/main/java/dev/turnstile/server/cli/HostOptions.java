package dev.turnstile.server.cli;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.permissions.config.PermissionsConfig;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.journal.queue.Durability;
import dev.turnstile.journal.queue.ReadAhead;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that starts an embedded host shares (a picocli mixin), so that {@code proto} and
 * {@code demo} spell and check them the same way. Values are checked while parsing (see {@link OptionConverters}):
 * a bad one is a one-line usage error, never a half-started host.
 */
public final class HostOptions {

    @Option(names = "--shards", paramLabel = "N", converter = OptionConverters.Shards.class,
            description = "Shard dispatch threads (default: the cores available, ${DEFAULT-VALUE} here).")
    int shards = PipelineConfig.defaultShards();

    @Option(names = "--ring-size", paramLabel = "N", converter = OptionConverters.RingSize.class,
            description = "Ingress ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    int ringSize = PipelineConfig.DEFAULT_RING_SIZE;

    @Option(names = "--wait-strategy", paramLabel = "KIND", converter = OptionConverters.WaitStrategy.class,
            description = "How idle shard threads wait: phased, blocking, sleeping, yielding, busy-spin "
                    + "(default: ${DEFAULT-VALUE}).")
    WaitStrategyKind waitStrategy = WaitStrategyKind.PHASED;

    @Option(names = "--pin-shards", paramLabel = "CPUS", converter = OptionConverters.ShardCpus.class,
            description = "Pin shard threads to these CPUs, shard i to the i-th (round robin), e.g. 1,2. For a host "
                    + "with a core to spare per shard: a spinning shard then never shares its core "
                    + "(default: not pinned).")
    java.util.List<Integer> shardCpus = java.util.List.of();

    @Option(names = "--model", paramLabel = "SPEC", converter = OptionConverters.Model.class,
            description = "The model: scripted:FILE (a JSONL model script) or echo, the built-in script "
                    + "(default: echo).")
    ModelChoice model = ModelChoice.echo();

    @Option(names = "--data", paramLabel = "DIR", converter = OptionConverters.DataDirectory.class,
            description = "Data directory: the journal (journal/shard-N/), its thread index and its lock "
                    + "(default: ${DEFAULT-VALUE}). One process at a time.")
    Path data = Path.of("./turnstile-data");

    @Option(names = "--durability", paramLabel = "MODE", converter = OptionConverters.DurabilityMode.class,
            description = "os: records survive a crash of the process (default); sync: the journal is synced to "
                    + "the device at the end of every batch, so they survive power loss too (slower).")
    Durability durability = Durability.OS;

    @Option(names = "--journal-read-ahead", paramLabel = "MODE", converter = OptionConverters.ReadAheadMode.class,
            description = "kernel: the kernel reads ahead when the journal grows into a new page, a "
                    + "millisecond-long fault every 2 MB on the dispatch thread (default); off: a fault per 4 KB "
                    + "instead, no millisecond stalls, about a fifth less peak throughput.")
    ReadAhead readAhead = ReadAhead.KERNEL;

    @Option(names = "--config", paramLabel = "FILE", converter = OptionConverters.PermissionsFile.class,
            description = "A TOML configuration file: default_permissions and the [permissions.<id>] profiles "
                    + "threads may select by id (default: none; threads get the :workspace profile).")
    PermissionsConfig config = PermissionsConfig.empty();

    @Option(names = "--ephemeral", description = "Run without a journal: nothing is persisted, --data is not used.")
    boolean ephemeral;

    public PipelineConfig pipelineConfig() {
        return new PipelineConfig(shards, ringSize, waitStrategy, shardCpus);
    }

    /** For the start-up line: "2 shard(s)", with the CPUs when they are pinned. */
    public String describeShards() {
        return shards + " shard(s)" + (shardCpus.isEmpty() ? "" : " pinned to CPU(s) " + shardCpus.stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
    }

    /** The host's configuration, without its rollout store (the journal is opened by {@link HostRuntime}). */
    public HostConfig hostConfig() {
        return HostConfig.of(pipelineConfig(), model.client()).withPermissions(config);
    }

    /** The permission part of {@code --config FILE}, or none. */
    public PermissionsConfig permissions() {
        return config;
    }

    public ModelChoice model() {
        return model;
    }

    public Path data() {
        return data;
    }

    public Durability durability() {
        return durability;
    }

    public ReadAhead readAhead() {
        return readAhead;
    }

    public boolean ephemeral() {
        return ephemeral;
    }
}
