package dev.turnstile.bench.lifecycle;

import dev.turnstile.bench.support.BenchDirs;
import dev.turnstile.bench.support.HostUnderTest;
import dev.turnstile.bench.support.Impl;
import java.nio.file.Path;

/**
 * A host for the lifecycle benchmarks (rollback, resume, fork), in its own scratch directory. The Codex baseline
 * journals only rollout items here (no submission lines), so its files hold exactly what Codex's would.
 */
final class Fixture implements AutoCloseable {
    final Path directory;
    final HostUnderTest host;

    Fixture(String impl, String purpose) {
        directory = BenchDirs.create(purpose);
        host = Impl.parse(impl).open(directory, 1, false);
    }

    /**
     * How many operations may change a thread before it is rebuilt, so every measured operation sees a thread of
     * (about) the nominal length: a tenth of its turns, at least one.
     */
    static int driftBudget(int turns) {
        return Math.max(1, turns / 10);
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            BenchDirs.delete(directory);
        }
    }
}
