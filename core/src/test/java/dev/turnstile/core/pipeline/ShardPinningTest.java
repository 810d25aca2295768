package dev.turnstile.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;

/** Shard threads pinned to CPUs: shard {@code i} to the {@code i}-th CPU given, as the operating system sees it. */
class ShardPinningTest {
    private static final Path THREAD_STATUS = Path.of("/proc/thread-self/status");

    @Test
    void aPinnedShardAppliesOnItsCpuOnly() throws Exception {
        assumeTrue(Files.isReadable(THREAD_STATUS), "Linux: /proc/thread-self/status says where a thread may run");
        // The lowest CPU this process may use (a container may not offer CPU 0).
        int cpu = Integer.parseInt(cpusAllowed().split("[-,]")[0]);
        boolean permitted = CompletableFuture.supplyAsync(() -> ThreadAffinity.pinCurrentThread(cpu, "probe"),
                runnable -> Thread.ofPlatform().start(runnable)).join();
        assumeTrue(permitted, "this machine lets a thread pin itself (sched_setaffinity permitted)");
        CompletableFuture<String> allowed = new CompletableFuture<>();
        PipelineConfig config = new PipelineConfig(1, 64, WaitStrategyKind.BLOCKING).withShardCpus(List.of(cpu));
        try (Pipeline<String> pipeline = Pipeline.start(config, (shard, parts) -> new ShardApplier<>() {
            @Override
            public void apply(IngressSlot<String> entry, long position) {
                allowed.complete(cpusAllowed());
            }

            @Override
            public void onApplyFailure(IngressSlot<String> entry, long position, Throwable failure) {
                allowed.completeExceptionally(failure);
            }

            @Override
            public void endOfBatch() {
            }
        }, new SystemEpochClock())) {
            ThreadHandle thread = pipeline.threads().register("pinned");
            assertThat(Ingress.accepted(pipeline.ingress().tryPublish(thread, "x"))).isTrue();
            assertThat(allowed.get(10, TimeUnit.SECONDS)).isEqualTo(Integer.toString(cpu));
        }
    }

    @Test
    void shardsTakeTheGivenCpusInTurnAndNoneWhenNoneAreGiven() {
        PipelineConfig pinned = new PipelineConfig(3, 64, WaitStrategyKind.PHASED).withShardCpus(List.of(2, 5));
        assertThat(List.of(pinned.cpuOf(0), pinned.cpuOf(1), pinned.cpuOf(2))).containsExactly(2, 5, 2);
        assertThat(new PipelineConfig(3, 64, WaitStrategyKind.PHASED).cpuOf(1)).isEqualTo(-1);
        assertThatThrownBy(() -> pinned.withShardCpus(List.of(1, -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void aCpuThisProcessDoesNotHaveLeavesTheThreadUnpinned() {
        // On a thread of its own: were the pin to succeed, the test runner's thread would stay pinned.
        CompletableFuture<Boolean> pinned = CompletableFuture.supplyAsync(
                () -> ThreadAffinity.pinCurrentThread(100_000, "test"), runnable -> Thread.ofPlatform().start(runnable));
        assertThat(pinned.join()).isFalse();
        assertThat(ThreadAffinity.pinCurrentThread(-1, "test")).isFalse();
    }

    private static String cpusAllowed() {
        try {
            return Files.readAllLines(THREAD_STATUS).stream().filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring("Cpus_allowed_list:".length()).trim()).findFirst().orElse("?");
        } catch (java.io.IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
