package dev.turnstile.journal.store;

import dev.turnstile.core.protocol.rollout.SessionMeta;
import dev.turnstile.core.session.ThreadSpec;

/** The payload of a THREAD_STARTED record: what the thread was created with. */
record ThreadStartedPayload(ThreadSpec spec, SessionMeta meta) {
}
