package dev.turnstile.server.proto;

import static dev.turnstile.server.proto.LineSink.type;
import static dev.turnstile.server.proto.LineSink.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.host.HostConfig;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.pipeline.PipelineConfig;
import dev.turnstile.core.pipeline.WaitStrategyKind;
import dev.turnstile.core.session.ThreadSpec;
import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelClients;
import dev.turnstile.core.turn.model.ModelRequest;
import dev.turnstile.core.turn.model.ModelResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code turnstile proto}: one session over a stream pair (DESIGN.md "proto"; wire shapes of spec §1). The session
 * is driven in memory: stdin is a pipe the test writes to, so it can wait for an event before sending the next line.
 */
class ProtoSessionTest {
    private static final String USER_INPUT = """
            {"id":"%s","op":{"type":"user_input","items":[{"type":"text","text":"%s","text_elements":[]}]}}""";

    private final LineSink stdout = new LineSink();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private TurnstileHost host;
    private OutputStream stdin;

    @AfterEach
    void closeHost() {
        if (host != null) {
            host.close();
        }
    }

    /** Starts a session on its own thread; the future completes with run()'s exit code. */
    private CompletableFuture<Integer> startSession(ModelClient model, int shards, int ringSize) throws IOException {
        host = TurnstileHost.start(HostConfig.of(new PipelineConfig(shards, ringSize, WaitStrategyKind.BLOCKING), model));
        Pipe pipe = Pipe.open();
        stdin = Channels.newOutputStream(pipe.sink());
        ProtoSession session = new ProtoSession(host, Channels.newInputStream(pipe.source()), stdout,
                new PrintStream(stderr, true, StandardCharsets.UTF_8), "/tmp/proto-test");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("proto-session-under-test").start(() -> {
            try {
                exit.complete(session.run());
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        });
        return exit;
    }

    private CompletableFuture<Integer> startSession(ModelClient model) throws IOException {
        return startSession(model, 2, 1024);
    }

    private void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static String userInput(String id, String text) {
        return USER_INPUT.formatted(id, text).strip();
    }

    private static int exitCode(CompletableFuture<Integer> exit) throws Exception {
        return exit.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aTurnThenShutdownWritesSessionConfiguredTheWholeTurnAndShutdownCompleteThenEndsWithZero() throws Exception {
        CompletableFuture<Integer> exit = startSession(ModelClients.fromSpec("echo"));

        JsonNode configured = stdout.next();
        assertThat(configured.get("id").asText()).isEmpty();
        assertThat(type(configured)).isEqualTo("session_configured");
        assertThat(configured.path("msg").path("cwd").asText()).isEqualTo("/tmp/proto-test");

        send(userInput("1", "hi"));
        List<JsonNode> turn = stdout.untilType("task_complete");
        assertThat(types(turn)).containsExactly("task_started", "item_started", "item_completed", "user_message",
                "item_started", "agent_message_content_delta", "agent_message_content_delta", "item_completed",
                "agent_message", "token_count", "task_complete");
        assertThat(turn).allSatisfy(event -> assertThat(event.get("id").asText()).isEqualTo("1"));
        assertThat(turn.getLast().path("msg").path("last_agent_message").asText()).isEqualTo("echo: hi");

        // stdin stays open: the session must end on shutdown_complete alone.
        send("{\"id\":\"2\",\"op\":{\"type\":\"shutdown\"}}");
        assertThat(exitCode(exit)).isZero();
        List<JsonNode> rest = stdout.rest();
        assertThat(types(rest)).containsExactly("shutdown_complete");
        assertThat(rest.getFirst().get("id").asText()).isEqualTo("2");
        assertThat(stdout.unterminated()).isEmpty();
    }

    @Test
    void aMalformedLineAndAnUnknownOpAreAnsweredWithErrorsNamingTheLineAndTheSessionGoesOn() throws Exception {
        CompletableFuture<Integer> exit = startSession(ModelClients.fromSpec("echo"));
        stdout.next(); // session_configured

        send("this is not json");
        send("");
        send("{\"id\":\"x\",\"op\":{\"type\":\"foo\"}}");
        send(userInput("4", "still here"));

        JsonNode notJson = stdout.next();
        assertThat(type(notJson)).isEqualTo("error");
        assertThat(notJson.get("id").asText()).isEmpty();
        assertThat(notJson.path("msg").path("message").asText()).startsWith("line 1: ").contains("not valid JSON");
        assertThat(notJson.path("msg").path("codex_error_info").asText()).isEqualTo("bad_request");

        JsonNode unknownOp = stdout.next();
        assertThat(type(unknownOp)).isEqualTo("error");
        assertThat(unknownOp.get("id").asText()).isEqualTo("x");
        assertThat(unknownOp.path("msg").path("message").asText()).isEqualTo("line 3: unknown op type `foo`");
        assertThat(unknownOp.path("msg").path("codex_error_info").asText()).isEqualTo("bad_request");

        List<JsonNode> turn = stdout.untilType("task_complete");
        assertThat(turn).allSatisfy(event -> assertThat(event.get("id").asText()).isEqualTo("4"));
        assertThat(turn.getLast().path("msg").path("last_agent_message").asText()).isEqualTo("echo: still here");

        stdin.close();
        assertThat(exitCode(exit)).isZero();
        assertThat(stdout.rest()).isEmpty();
    }

    @Test
    void endOfInputDuringARunningTurnAbortsItAsInterruptedAndEndsWithZero() throws Exception {
        BlockingModel model = new BlockingModel();
        CompletableFuture<Integer> exit = startSession(model);
        stdout.next(); // session_configured

        send(userInput("1", "take your time"));
        model.sampling.await();
        stdin.close();

        assertThat(exitCode(exit)).isZero();
        List<JsonNode> rest = stdout.rest();
        assertThat(types(rest)).containsExactly("task_started", "item_started", "item_completed", "user_message",
                "turn_aborted");
        JsonNode aborted = rest.getLast();
        assertThat(aborted.get("id").asText()).isEqualTo("1");
        assertThat(aborted.path("msg").path("turn_id").asText()).isEqualTo("1");
        assertThat(aborted.path("msg").path("reason").asText()).isEqualTo("interrupted");
        assertThat(model.interrupted.await(30, TimeUnit.SECONDS)).as("the model's sampling was interrupted").isTrue();
    }

    @Test
    void endOfInputOnAnIdleSessionEndsWithZeroAndWritesNothingMore() throws Exception {
        CompletableFuture<Integer> exit = startSession(ModelClients.fromSpec("echo"));
        stdout.next(); // session_configured
        stdin.close();
        assertThat(exitCode(exit)).isZero();
        assertThat(stdout.rest()).isEmpty();
    }

    @Test
    void aSubmissionThatFindsTheRingFullIsAnsweredServerOverloadedAndTheSessionGoesOn() throws Exception {
        // One shard, four slots. Another thread on the same shard holds the dispatch thread, so the ring fills.
        CompletableFuture<Integer> exit = startSession(ModelClients.fromSpec("echo"), 1, 4);
        stdout.next(); // session_configured
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        host.startThread(new ThreadSpec(host.newThreadId(), host.defaultConfiguration("/tmp")), (id, n, event) -> {
            holding.countDown();
            try {
                release.await(); // breaks the subscriber contract on purpose: it stalls the shard
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
        holding.await();

        for (int i = 1; i <= 8; i++) {
            send(userInput("u" + i, "hello " + i));
        }
        // A line the reader rejects itself: once its error is out, all eight inputs have been submitted or refused.
        send("{\"id\":\"sentinel\"}");
        List<JsonNode> answers = stdout.until(event -> event.get("id").asText().equals("sentinel"));
        List<JsonNode> refused = answers.subList(0, answers.size() - 1);
        assertThat(refused).isNotEmpty().allSatisfy(overloaded -> {
            assertThat(type(overloaded)).isEqualTo("error");
            assertThat(overloaded.get("id").asText()).startsWith("u");
            assertThat(overloaded.path("msg").path("message").asText()).isEqualTo("Server overloaded; retry later.");
            assertThat(overloaded.path("msg").path("codex_error_info").asText()).isEqualTo("server_overloaded");
        });
        assertThat(refused.size()).as("some inputs found room").isLessThan(8);

        release.countDown();
        // Let the shard work off the backlog, so the shutdown finds room in the ring.
        assertThat(host.awaitDrained(Duration.ofSeconds(30))).isTrue();
        send("{\"id\":\"bye\",\"op\":{\"type\":\"shutdown\"}}");
        assertThat(exitCode(exit)).isZero();
        List<JsonNode> all = stdout.rest();
        assertThat(all.getLast().get("id").asText()).isEqualTo("bye");
        assertThat(type(all.getLast())).isEqualTo("shutdown_complete");
    }

    /** A model that samples until it is interrupted: a turn that is still running when the input ends. */
    private static final class BlockingModel implements ModelClient {
        final CountDownLatch sampling = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String providerId() {
            return "blocking";
        }

        @Override
        public ModelResponse sample(ModelRequest request) throws InterruptedException {
            sampling.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            throw new IllegalStateException("unreachable");
        }
    }
}
