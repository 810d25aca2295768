package dev.turnstile.bench.journal;

import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutItem;

/** A typical rollout item: an assistant message of a couple of hundred characters, as a turn records it. */
final class Samples {
    static final RolloutItem AGENT_MESSAGE = ProtocolCodec.shared().decodeRolloutLine("""
            {"timestamp":"2026-01-05T12:00:03.500Z","type":"response_item","payload":{"type":"message",\
            "role":"assistant","content":[{"type":"output_text","text":"I read the plan. The change touches \
            three files: the ingress ring, the shard handler and the journal's appender. I will start with the \
            ring and run the tests after each step."}],"phase":"final_answer"}}""").item();

    private Samples() {
    }
}
