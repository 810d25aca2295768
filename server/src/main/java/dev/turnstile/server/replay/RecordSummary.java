package dev.turnstile.server.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.RolloutLine;
import dev.turnstile.core.session.Command;
import dev.turnstile.core.session.CommandCodec;
import dev.turnstile.journal.record.JournalRecord;
import java.nio.charset.StandardCharsets;

/** One line of text saying what a journal record holds, for the timeline a person reads. */
final class RecordSummary {
    private static final int TEXT_WIDTH = 70;

    private RecordSummary() {
    }

    static String of(JournalRecord record) {
        try {
            return switch (record.kind()) {
                case THREAD_STARTED -> threadStarted(record);
                case ENTRY -> entry(CommandCodec.shared().read(record.payload()));
                case ROLLOUT -> rollout(ProtocolCodec.shared().decodeRolloutLine(record.payloadText()));
                case CHECKPOINT -> "checkpoint";
                case FORK -> threadStarted(record);
                case THREAD_CLOSED -> "thread closed";
            };
        } catch (Exception unreadable) {
            return "(unreadable payload: " + unreadable.getMessage() + ")";
        }
    }

    private static String threadStarted(JournalRecord record) throws Exception {
        JsonNode node = ProtocolCodec.shared().mapper().readTree(record.payload());
        JsonNode fork = node.path("fork");
        String from = fork.isObject() ? "forked from " + fork.path("parent_thread_id").asText() : "thread started";
        JsonNode config = node.path("spec").path("configuration");
        if (config.isMissingNode()) {
            return from + " with its parent's settings";
        }
        return from + ": model " + config.path("model").asText() + ", cwd " + config.path("cwd").asText();
    }

    private static String entry(Command command) {
        return switch (command) {
            case Command.Client client -> "submission " + client.submission().op().kind() + " (id "
                    + client.submission().id() + ")" + userText(client);
            case Command.ModelStepCompleted step -> "model step " + step.samplingIndex() + " of turn "
                    + step.turnId() + ": " + step.response().outputs().size() + " output(s)";
            case Command.ModelStepFailed failed -> "model step " + failed.samplingIndex() + " failed: "
                    + clip(failed.message());
            case Command.ToolCompleted tool -> "tool " + tool.callId() + " finished, exit " + tool.outcome().exitCode();
            case Command.CloseChannel close -> "channel closed";
            default -> command.getClass().getSimpleName();
        };
    }

    private static String userText(Command.Client client) {
        if (client.submission().op() instanceof dev.turnstile.core.protocol.op.Op.UserInput input) {
            StringBuilder text = new StringBuilder();
            for (var item : input.items()) {
                if (item instanceof dev.turnstile.core.protocol.item.UserInput.Text t) {
                    text.append(t.text());
                }
            }
            return ": \"" + clip(text.toString()) + "\"";
        }
        return "";
    }

    private static String rollout(RolloutLine line) {
        return switch (line.item()) {
            case RolloutItem.SessionMetaLine meta -> "session_meta cwd " + meta.payload().cwd();
            case RolloutItem.TurnContextLine context -> "turn_context turn " + context.payload().turnId() + ", model "
                    + context.payload().model();
            case RolloutItem.CompactedLine compacted -> "compacted: \"" + clip(compacted.payload().message()) + "\"";
            case RolloutItem.ResponseItemLine item -> responseItem(item.payload());
            case RolloutItem.EventMsgLine event -> event(event.payload());
            case RolloutItem.Unknown unknown -> unknown.type();
        };
    }

    private static String responseItem(ResponseItem item) {
        return switch (item) {
            case ResponseItem.Message message -> "message " + message.role() + ": \"" + clip(message.joinedText())
                    + "\"";
            case ResponseItem.FunctionCall call -> "function_call " + call.name() + " " + call.callId() + " "
                    + clip(call.arguments());
            case ResponseItem.FunctionCallOutput output -> "function_call_output " + output.callId() + ": \""
                    + clip(output.outputText()) + "\"";
            default -> "response_item " + item.getClass().getSimpleName();
        };
    }

    private static String event(EventMsg event) {
        return switch (event) {
            case EventMsg.TurnStarted started -> "task_started turn " + started.turnId();
            case EventMsg.TurnComplete complete -> "task_complete turn " + complete.turnId() + ", "
                    + complete.durationMs() + " ms";
            case EventMsg.TurnAborted aborted -> "turn_aborted turn " + aborted.turnId() + " (" + aborted.reason()
                    .name().toLowerCase(java.util.Locale.ROOT) + ")";
            case EventMsg.ThreadRolledBack rolledBack -> "thread_rolled_back " + rolledBack.numTurns() + " turn(s)";
            case EventMsg.UserMessage user -> "user_message \"" + clip(user.message()) + "\"";
            case EventMsg.AgentMessage agent -> "agent_message \"" + clip(agent.message()) + "\"";
            case EventMsg.TokenCount count -> "token_count total "
                    + (count.info() == null ? "-" : count.info().totalTokenUsage().totalTokens());
            default -> event.type();
        };
    }

    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= TEXT_WIDTH ? flat : flat.substring(0, TEXT_WIDTH - 1) + "…";
    }

    static String payloadText(JournalRecord record) {
        return new String(record.payload(), StandardCharsets.UTF_8);
    }
}
