package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelResponse;
import dev.turnstile.core.turn.model.ModelUsage;
import dev.turnstile.core.turn.tool.ToolOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal keeps commands as JSON; replay must get back exactly what was applied. */
class CommandCodecTest {

    @Test
    void everyJournaledCommandRoundTrips() throws Exception {
        List<Command> commands = List.of(
                new Command.Client(new Submission("s1", Op.UserInput.text("hello"))),
                new Command.StartThread(new ThreadSpec("t1", SessionConfiguration.defaults("m", "p", "/repo")), null),
                new Command.ModelStepCompleted("turn", 3, new ModelResponse(List.of(
                        new ModelOutput.Reasoning("thinking"),
                        new ModelOutput.AssistantMessage("hi there", List.of("hi", " there"), "final_answer"),
                        new ModelOutput.FunctionCall("call_1", "shell", "{\"command\":[\"ls\"]}")),
                        new ModelUsage(10, 2, 5, 1))),
                new Command.ModelStepFailed("turn", 4, "stream disconnected"),
                new Command.ToolCompleted("turn", "call_1", new ToolOutcome(0, "out", "err", 12, null)),
                new Command.CloseChannel());
        for (Command command : commands) {
            byte[] json = CommandCodec.shared().toBytes(command);
            assertThat(CommandCodec.shared().read(json)).as(new String(json)).isEqualTo(command);
        }
        assertThat(new String(CommandCodec.shared().toBytes(commands.get(0))))
                .startsWith("{\"command\":\"client\",\"submission\":{\"id\":\"s1\",\"op\":{\"type\":\"user_input\"");
    }

    @Test
    void subscriptionsAreNotJournaled() {
        assertThat(new Command.Subscribe((id, n, e) -> true).journaled()).isFalse();
        assertThat(new Command.CloseChannel().journaled()).isTrue();
    }
}
