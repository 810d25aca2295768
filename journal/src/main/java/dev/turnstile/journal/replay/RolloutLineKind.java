package dev.turnstile.journal.replay;

import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import java.nio.charset.StandardCharsets;

/** What kind of rollout line a ROLLOUT payload holds. */
final class RolloutLineKind {
    private RolloutLineKind() {
    }

    static boolean isSessionMeta(byte[] payload) {
        return ProtocolCodec.shared().decodeRolloutLine(new String(payload, StandardCharsets.UTF_8)).item()
                instanceof RolloutItem.SessionMetaLine;
    }
}
