package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.EventSubscriber;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.ThreadHandle;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.turn.TurnEffects;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.model.ModelUsage;
import dev.turnstile.core.turn.tool.ToolOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "Shaped for more than one machine": applying is pure. The same sequenced entries applied by two
 * independent hosts give byte-identical event streams, ids and times included; and a resent sequence number
 * changes nothing.
 */
class DeterministicApplyTest {
    private static final String THREAD = "01a2100e-0000-7000-8000-000000000001";

    /** Applies a fixed list of entries (client submissions and model/tool results) on a fresh host. */
    private static List<String> apply(List<Command> entries) {
        AtomicLong clock = new AtomicLong(1_795_000_000_000L);
        List<Event> events = new CopyOnWriteArrayList<>();
        EventSubscriber subscriber = (id, number, event) -> events.add(event);
        HostConfig config = HostConfig.of(new PipelineConfig(2, 256, WaitStrategyKind.BLOCKING), new ControlledModel())
                .withClock(() -> clock.addAndGet(7))
                .withEffects(ingress -> TurnEffects.NONE);
        try (TurnstileHost host = TurnstileHost.start(config)) {
            ThreadHandle thread = host.startThread(new ThreadSpec(THREAD, host.defaultConfiguration("/repo")),
                    subscriber);
            for (Command entry : entries) {
                host.publishInternal(thread, entry);
            }
            assertThat(host.awaitDrained(Duration.ofSeconds(30))).isTrue();
        }
        List<String> lines = new ArrayList<>();
        for (Event event : events) {
            lines.add(ProtocolCodec.shared().encodeEvent(event));
        }
        return lines;
    }

    @Test
    void theSameEntriesGiveTheSameEventsIdsAndTimes() {
        List<Command> entries = List.of(
                new Command.Client(new Submission("1", Op.UserInput.text("run ls"))),
                new Command.ModelStepCompleted("1", 0, new ModelResponse(List.of(
                        new ModelOutput.AssistantMessage("looking", List.of("look", "ing"), "commentary"),
                        new ModelOutput.FunctionCall("call_0", "shell", "{\"command\":[\"ls\"]}")),
                        new ModelUsage(10, 0, 3, 0))),
                new Command.ToolCompleted("1", "call_0", new ToolOutcome(0, "a\nb\n", "", 5, null)),
                new Command.ModelStepCompleted("1", 1, new ModelResponse(List.of(
                        new ModelOutput.AssistantMessage("two files", List.of("two files"), "final_answer")),
                        new ModelUsage(20, 0, 2, 0))),
                new Command.Client(new Submission("2", new Op.Compact())));
        List<String> first = apply(entries);
        List<String> second = apply(entries);
        assertThat(first).hasSizeGreaterThan(15);
        assertThat(second).isEqualTo(first);
        assertThat(String.join("\n", first)).contains("\"type\":\"exec_command_end\"", "\"type\":\"task_complete\"");
    }

    @Test
    void aResentSequenceIsAcknowledgedWithoutBeingAppliedAgain() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            Submission once = new Submission("1", new Op.ThreadRollback(0));
            long sequence = session.host.submit(session.thread, once);
            assertThat(session.next().msg().type()).isEqualTo("error");
            assertThat(session.host.resubmit(session.thread, once, sequence)).isEqualTo(sequence);
            assertThat(session.drainWithProbe()).as("the resent submission changed nothing").isEmpty();
        }
    }
}
