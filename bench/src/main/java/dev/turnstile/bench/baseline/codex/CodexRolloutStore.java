package dev.turnstile.bench.baseline.codex;

import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.session.rollout.RolloutStore;
import dev.turnstile.core.session.rollout.ThreadRollout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rollouts as Codex keeps them: one JSONL file per thread. Resume and fork read the parent's whole file (spec
 * §2.4, §2.11); a fork copies every item of the parent into the child's new file. Where a thread's file is, and the
 * settings it was created with, are kept in memory (Codex finds the file by listing its sessions directory and
 * rebuilds the settings from the file): the baseline is spared that work.
 *
 * <p>Threading: {@link #open}, {@link #resume} and {@link #fork} run on the session's task; the rest anywhere.
 */
final class CodexRolloutStore implements RolloutStore {
    private record Stored(Path file, ThreadSpec spec) {
    }

    private final Path directory;
    private final boolean journalSubmissions;
    private final CodexRollout.WriteCounters counters = new CodexRollout.WriteCounters();
    private final ConcurrentHashMap<String, Stored> threads = new ConcurrentHashMap<>();

    CodexRolloutStore(Path directory, boolean journalSubmissions) {
        this.directory = directory;
        this.journalSubmissions = journalSubmissions;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CodexRollout.WriteCounters counters() {
        return counters;
    }

    @Override
    public ThreadRollout open(ThreadSpec spec, SessionMeta meta, int shard) {
        Path file = fileOf(spec.threadId());
        threads.put(spec.threadId(), new Stored(file, spec));
        return new CodexRollout(file, meta, false, journalSubmissions, counters);
    }

    @Override
    public String describe() {
        return "Codex-style JSONL rollouts in " + directory;
    }

    @Override
    public StoredThread find(String threadId) {
        Stored stored = threads.get(threadId);
        return stored == null ? null : new StoredThread(0, 0, Files.exists(stored.file()));
    }

    @Override
    public List<RolloutItem> read(String threadId) {
        Stored stored = threads.get(threadId);
        if (stored == null) {
            return null;
        }
        try {
            return CodexFiles.load(stored.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ResumedRollout resume(String threadId, int shard) {
        Stored stored = threads.get(threadId);
        if (stored == null) {
            throw new IllegalArgumentException("no rollout found for thread id " + threadId);
        }
        List<RolloutItem> items = read(threadId);
        return new ResumedRollout(stored.spec(), items,
                new CodexRollout(stored.file(), null, true, journalSubmissions, counters));
    }

    @Override
    public ResumedRollout fork(String parentId, String lastTurnId, ThreadSpec child, boolean inheritConfiguration,
                               SessionMeta meta, int shard) {
        if (lastTurnId != null) {
            throw new UnsupportedOperationException("the benchmarks fork whole threads");
        }
        Stored parent = threads.get(parentId);
        List<RolloutItem> items = read(parentId);
        if (parent == null || items == null) {
            throw new IllegalArgumentException("no rollout found for thread id " + parentId);
        }
        if (inheritConfiguration) {
            // The child's settings are rebuilt from the parent's items on top of what the parent started with.
            child = new ThreadSpec(child.threadId(), parent.spec().configuration(), parentId, child.ephemeral());
        }
        Path file = fileOf(child.threadId());
        threads.put(child.threadId(), new Stored(file, child));
        CodexRollout rollout = new CodexRollout(file, meta, false, journalSubmissions, counters);
        rollout.writeFork(items, System.currentTimeMillis());
        return new ResumedRollout(child, items, rollout);
    }

    long size(String threadId) {
        Stored stored = threads.get(threadId);
        try {
            return stored == null || !Files.exists(stored.file()) ? 0 : Files.size(stored.file());
        } catch (IOException e) {
            return 0;
        }
    }

    private Path fileOf(String threadId) {
        return directory.resolve("rollout-" + threadId + ".jsonl");
    }
}
