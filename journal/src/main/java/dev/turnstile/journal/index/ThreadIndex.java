package dev.turnstile.journal.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The thread index: thread id → its {@link ThreadEntry}. Kept up to date as records are appended, persisted when
 * the journal closes ({@link IndexFile}), and on start-up loaded and brought up to date from the tail of each shard
 * — or rebuilt from the queues when the file is missing or stale ({@link IndexBuilder}).
 */
public final class ThreadIndex {
    private final ConcurrentHashMap<UUID, ThreadEntry> threads = new ConcurrentHashMap<>();

    public ThreadEntry entry(UUID id) {
        return threads.computeIfAbsent(id, ThreadEntry::new);
    }

    /** The entry of a known thread, or null. */
    public ThreadEntry find(UUID id) {
        return threads.get(id);
    }

    public ThreadEntry find(String id) {
        try {
            return find(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    void put(ThreadEntry entry) {
        threads.put(entry.id(), entry);
    }

    public Collection<ThreadEntry> all() {
        return threads.values();
    }

    /** Threads newest activity first. */
    public List<ThreadEntry> byLastActivity() {
        List<ThreadEntry> sorted = new ArrayList<>(threads.values());
        sorted.sort(Comparator.comparingLong(ThreadEntry::lastActivityMillis).reversed()
                .thenComparing(ThreadEntry::id));
        return sorted;
    }

    public int size() {
        return threads.size();
    }
}
