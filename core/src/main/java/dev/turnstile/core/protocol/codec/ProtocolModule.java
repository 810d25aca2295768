package dev.turnstile.core.protocol.codec;

import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.FileChange;
import dev.turnstile.core.protocol.item.AgentMessageContent;
import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.item.UserInput;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.policy.ReviewDecision;
import dev.turnstile.core.protocol.policy.ReviewTarget;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.protocol.rollout.RolloutLine;

/** Registers the protocol's unions and hand-written forms with Jackson. */
final class ProtocolModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    ProtocolModule() {
        super("turnstile-protocol");
        addDeserializer(Op.class, TaggedUnionDeserializer.of(Op.class, "op", null));
        addDeserializer(EventMsg.class, TaggedUnionDeserializer.of(EventMsg.class, "event", EventMsg.Unknown::new));
        addDeserializer(UserInput.class, TaggedUnionDeserializer.of(UserInput.class, "input item", UserInput.Unknown::new));
        addDeserializer(ResponseItem.class,
                TaggedUnionDeserializer.of(ResponseItem.class, "response item", ResponseItem.Unknown::new));
        addDeserializer(ContentItem.class,
                TaggedUnionDeserializer.of(ContentItem.class, "content item", ContentItem.Unknown::new));
        addDeserializer(TurnItem.class, TaggedUnionDeserializer.of(TurnItem.class, "turn item", TurnItem.Unknown::new));
        addDeserializer(AgentMessageContent.class, TaggedUnionDeserializer.of(AgentMessageContent.class,
                "agent message content", AgentMessageContent.Unknown::new));
        addDeserializer(SandboxPolicy.class, TaggedUnionDeserializer.of(SandboxPolicy.class, "sandbox policy", null));
        addDeserializer(ReviewTarget.class, TaggedUnionDeserializer.of(ReviewTarget.class, "review target", null));
        addDeserializer(FileChange.class, TaggedUnionDeserializer.of(FileChange.class, "file change", null));

        addSerializer(AskForApproval.class, new AskForApprovalCodec.Serializer());
        addDeserializer(AskForApproval.class, new AskForApprovalCodec.Deserializer());
        addSerializer(ReviewDecision.class, new ReviewDecisionCodec.Serializer());
        addDeserializer(ReviewDecision.class, new ReviewDecisionCodec.Deserializer());
        addSerializer(CodexErrorInfo.class, new CodexErrorInfoCodec.Serializer());
        addDeserializer(CodexErrorInfo.class, new CodexErrorInfoCodec.Deserializer());
        addSerializer(RolloutLine.class, new RolloutLineCodec.Serializer());
        addDeserializer(RolloutLine.class, new RolloutLineCodec.Deserializer());
    }
}
