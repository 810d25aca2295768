package dev.turnstile.core.pipeline;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps thread ids to their {@link ThreadHandle}s, for the transports (which know threads by id) and the ingress.
 * Assigns each new thread a dense key and a shard, round-robin over the shards.
 *
 * <p>Threading: safe for concurrent use. It belongs to the edge, not to session state: dispatch threads find
 * sessions by the key carried in the slot, never through this map.
 */
public final class ThreadRegistry {
    private final int shards;
    private final AtomicLong nextKey = new AtomicLong();
    private final ConcurrentHashMap<String, ThreadHandle> byId = new ConcurrentHashMap<>();

    public ThreadRegistry(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, was " + shards);
        }
        this.shards = shards;
    }

    /** Registers a new thread on the next shard in turn. */
    public ThreadHandle register(String threadId) {
        long key = nextKey.incrementAndGet();
        return register(threadId, key, (int) (key % shards));
    }

    /**
     * Registers a thread on a given shard (a resumed thread keeps the shard its journal records).
     * A shard beyond this process's shard count is folded onto one that exists.
     */
    public ThreadHandle registerOnShard(String threadId, int shard) {
        return register(threadId, nextKey.incrementAndGet(), Math.floorMod(shard, shards));
    }

    private ThreadHandle register(String threadId, long key, int shard) {
        ThreadHandle handle = new ThreadHandle(threadId, key, shard);
        ThreadHandle previous = byId.putIfAbsent(threadId, handle);
        if (previous != null) {
            throw new IllegalStateException("thread " + threadId + " is already registered");
        }
        return handle;
    }

    /** The handle of a registered thread, or {@code null}. */
    public ThreadHandle find(String threadId) {
        return threadId == null ? null : byId.get(threadId);
    }

    public boolean unregister(ThreadHandle handle) {
        return byId.remove(handle.threadId(), handle);
    }

    public int size() {
        return byId.size();
    }

    public Collection<ThreadHandle> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    public int shards() {
        return shards;
    }
}
