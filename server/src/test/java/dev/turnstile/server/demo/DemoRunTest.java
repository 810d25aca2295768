package dev.turnstile.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelClients;
import dev.turnstile.core.turn.model.ModelScript;
import dev.turnstile.core.turn.model.ScriptedModel;
import org.junit.jupiter.api.Test;

/** {@code turnstile demo}: many threads at once, each driven closed loop, every turn measured. */
class DemoRunTest {

    private static DemoResult run(ModelClient model, PipelineConfig pipeline, int threads, int turns)
            throws InterruptedException {
        try (TurnstileHost host = TurnstileHost.start(HostConfig.of(pipeline, model))) {
            return new DemoRun(host, threads, turns, "/tmp").run();
        }
    }

    @Test
    void twentyThreadsOfThreeTurnsCompleteEveryTurnAndMeasureSixtyLatencies() throws Exception {
        PipelineConfig pipeline = new PipelineConfig(2, 1024, WaitStrategyKind.BLOCKING);
        DemoResult result = run(ModelClients.fromSpec("echo"), pipeline, 20, 3);

        assertThat(result.completedTurns()).isEqualTo(60);
        assertThat(result.abortedTurns()).isZero();
        assertThat(result.failedClients()).isZero();
        assertThat(result.allCompleted()).isTrue();
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(60);
        // Each thread: one start and three turns from its client; one model result per turn from the turn itself.
        assertThat(result.clientSubmissions()).isEqualTo(20 + 60);
        assertThat(result.internalSubmissions()).isEqualTo(60);
        // session_configured, then eleven events per echo turn.
        assertThat(result.eventsOut()).isEqualTo(20 + 60 * 11);

        DemoReport report = DemoReport.of(result, pipeline, "echo", "not persisted (test)");
        assertThat(report.render())
                .contains("20 threads x 3 turns")
                .contains("60 of 60 completed")
                .contains("Data         not persisted (test)");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("turns_completed").asLong()).isEqualTo(60);
        assertThat(json.path("latency").get("samples").asLong()).isEqualTo(60);
        assertThat(json.path("latency").get("p50_us").asLong()).isPositive();
        assertThat(json.get("shards").asInt()).isEqualTo(2);
        assertThat(json.get("wait_strategy").asText()).isEqualTo("blocking");
    }

    @Test
    void submissionsThatFindTheRingFullAreRetriedUntilEveryTurnCompletes() throws Exception {
        // Four slots for thirty clients: some submissions are refused as overloaded and must be retried.
        DemoResult result = run(ModelClients.fromSpec("echo"), new PipelineConfig(1, 4, WaitStrategyKind.BLOCKING),
                30, 4);

        assertThat(result.completedTurns()).isEqualTo(120);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(120);
        assertThat(result.allCompleted()).isTrue();
        // Retries are resubmissions, not extra turns: what the ring took is still one per start and turn.
        assertThat(result.clientSubmissions()).isEqualTo(30 + 120);
    }

    @Test
    void approvalsTheScriptAsksForAreApprovedSoEveryTurnCompletes() throws Exception {
        ModelScript script = ModelScript.parse("""
                {"shell": ["true"], "approval": true, "justification": "demo"}
                {"message": "done: {{input}}", "phase": "final_answer"}
                """, "approval script");
        DemoResult result = run(new ScriptedModel(script), new PipelineConfig(2, 1024, WaitStrategyKind.BLOCKING),
                3, 2);

        assertThat(result.completedTurns()).isEqualTo(6);
        assertThat(result.requestsAnswered()).isEqualTo(6);
        assertThat(result.allCompleted()).isTrue();
    }

    @Test
    void latenciesReadInTheUnitThatSuitsThem() {
        assertThat(DemoReport.duration(850)).isEqualTo("850 us");
        assertThat(DemoReport.duration(1_234)).isEqualTo("1.23 ms");
        assertThat(DemoReport.duration(2_500_000)).isEqualTo("2.50 s");
    }
}
