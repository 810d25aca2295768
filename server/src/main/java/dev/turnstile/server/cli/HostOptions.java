package dev.turnstile.server.cli;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.WaitStrategyKind;
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

    @Option(names = "--model", paramLabel = "SPEC", converter = OptionConverters.Model.class,
            description = "The model: scripted:FILE (a JSONL model script) or echo, the built-in script "
                    + "(default: echo).")
    ModelChoice model = ModelChoice.echo();

    @Option(names = "--data", paramLabel = "DIR", converter = OptionConverters.DataDirectory.class,
            description = "Data directory, default ${DEFAULT-VALUE}. Not used yet: the journal arrives with its "
                    + "own issue, so nothing is persisted and DIR is not created.")
    Path data = Path.of("./turnstile-data");

    public PipelineConfig pipelineConfig() {
        return new PipelineConfig(shards, ringSize, waitStrategy);
    }

    /** A host configuration without a journal (the journal arrives with its own issue). */
    public HostConfig hostConfig() {
        return HostConfig.of(pipelineConfig(), model.client());
    }

    public ModelChoice model() {
        return model;
    }

    public Path data() {
        return data;
    }

    /** What is persisted, in words, for the commands' output. */
    public String persistenceNote() {
        return "not persisted (the journal arrives with the journal issue; " + data + " is not used)";
    }
}
