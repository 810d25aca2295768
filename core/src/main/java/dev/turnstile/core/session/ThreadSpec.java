package dev.turnstile.core.session;

/**
 * What a new thread starts with.
 *
 * @param threadId      the thread's id (a UUID v7 string)
 * @param configuration its initial settings
 * @param forkedFromId  the thread it was forked from, or null
 * @param ephemeral     true for a thread that is never journaled (rollback is then refused)
 */
public record ThreadSpec(String threadId, SessionConfiguration configuration, String forkedFromId, boolean ephemeral) {
    public ThreadSpec {
        if (threadId == null || threadId.isBlank()) {
            throw new IllegalArgumentException("thread id must not be empty");
        }
        if (configuration == null) {
            throw new IllegalArgumentException("a thread needs a configuration");
        }
    }

    public ThreadSpec(String threadId, SessionConfiguration configuration) {
        this(threadId, configuration, null, false);
    }
}
