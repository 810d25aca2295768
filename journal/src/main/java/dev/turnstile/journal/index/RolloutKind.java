package dev.turnstile.journal.index;

import java.nio.charset.StandardCharsets;

/**
 * The few rollout-line kinds the index cares about, recognised from the payload's leading bytes without parsing
 * it: a journal payload is a rollout line the journal wrote itself, {@code {"timestamp":"…","type":"…","payload":
 * {"type":"…"}}}, so the tags sit at fixed-shape positions.
 */
enum RolloutKind {
    SESSION_META,
    TURN_STARTED,
    OTHER;

    private static final byte[] SESSION_META_TAG = "\"type\":\"session_meta\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TASK_STARTED_TAG = "\"payload\":{\"type\":\"task_started\""
            .getBytes(StandardCharsets.UTF_8);

    static RolloutKind of(byte[] line) {
        int window = Math.min(line.length, 160);
        if (contains(line, window, SESSION_META_TAG)) {
            return SESSION_META;
        }
        if (contains(line, window, TASK_STARTED_TAG)) {
            return TURN_STARTED;
        }
        return OTHER;
    }

    private static boolean contains(byte[] haystack, int limit, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= limit; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
