package dev.turnstile.bench.support;

import dev.turnstile.core.pipeline.ThreadHandle;

/**
 * A thread hosted by a {@link HostUnderTest}: its handle, and what the implementation routes its submissions by
 * (a baseline's per-session queue; nothing for Turnstile, whose handle carries its shard).
 */
public record HostedThread(ThreadHandle handle, Object route) {
    public String threadId() {
        return handle.threadId();
    }
}
