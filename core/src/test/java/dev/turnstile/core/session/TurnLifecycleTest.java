package dev.turnstile.core.session;

import static dev.turnstile.core.session.SessionHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.event.ExecCommandSource;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.item.TurnItem;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.TurnAbortReason;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.turn.model.ModelOutput;
import dev.turnstile.core.turn.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §1.4: the task/turn lifecycle as a client sees it. */
class TurnLifecycleTest {

    @Test
    void aTurnEmitsTheCodexEventSequenceEndingInTaskComplete() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            Event configured = session.configured;
            assertThat(configured.id()).isEmpty();
            assertThat(configured.msg()).isInstanceOf(EventMsg.SessionConfigured.class);

            session.submit("1", Op.UserInput.text("hi"));
            ModelRequest request = model.nextRequest();
            assertThat(request.turnId()).isEqualTo("1");
            assertThat(request.lastUserText()).isEqualTo("hi");
            model.answer(new ModelOutput.AssistantMessage("Done", List.of("Do", "ne"), "final_answer"));

            List<Event> turn = session.untilType("task_complete");
            assertThat(types(turn)).containsExactly("task_started", "item_started", "item_completed", "user_message",
                    "item_started", "agent_message_content_delta", "agent_message_content_delta", "item_completed",
                    "agent_message", "token_count", "task_complete");
            assertThat(turn).allSatisfy(event -> assertThat(event.id()).isEqualTo("1"));
            EventMsg.TurnStarted started = (EventMsg.TurnStarted) turn.get(0).msg();
            assertThat(started.turnId()).isEqualTo("1");
            TurnItem.UserMessage userItem = (TurnItem.UserMessage) ((EventMsg.ItemStarted) turn.get(1).msg()).item();
            assertThat(((EventMsg.ItemCompleted) turn.get(2).msg()).item()).isEqualTo(userItem);
            assertThat(((EventMsg.UserMessage) turn.get(3).msg()).message()).isEqualTo("hi");
            TurnItem.AgentMessage agentStart = (TurnItem.AgentMessage) ((EventMsg.ItemStarted) turn.get(4).msg()).item();
            assertThat(agentStart.content()).isEmpty();
            assertThat(((EventMsg.AgentMessageContentDelta) turn.get(5).msg()).itemId()).isEqualTo(agentStart.id());
            EventMsg.TurnComplete complete = (EventMsg.TurnComplete) turn.get(10).msg();
            assertThat(complete.turnId()).isEqualTo("1");
            assertThat(complete.lastAgentMessage()).isEqualTo("Done");
            assertThat(complete.timeToFirstTokenMs()).isNotNull();
        }
    }

    @Test
    void interruptDuringATurnEmitsTurnAbortedInterruptedAndNothingElse() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("work"));
            model.nextRequest();
            session.await("user_message");

            session.submit("2", new Op.Interrupt());
            Event aborted = session.next();
            assertThat(aborted.msg()).isInstanceOfSatisfying(EventMsg.TurnAborted.class, a -> {
                assertThat(a.turnId()).isEqualTo("1");
                assertThat(a.reason()).isEqualTo(TurnAbortReason.INTERRUPTED);
            });
            // The model's late answer is stale: it must not reach the client.
            model.answerText("too late");
            assertThat(session.drainWithProbe()).isEmpty();
            // The <turn_aborted> marker is recorded for the model, before turn_aborted itself.
            List<RolloutItem> rollout = session.rollout();
            assertThat(rollout).anySatisfy(item -> assertThat(item).isInstanceOfSatisfying(
                    RolloutItem.ResponseItemLine.class, line -> assertThat(((ResponseItem.Message) line.payload())
                            .joinedText()).startsWith("<turn_aborted>")));
        }
    }

    @Test
    void anIdleInterruptDoesNothing() throws Exception {
        try (SessionHarness session = SessionHarness.start(new ControlledModel())) {
            session.submit("1", new Op.Interrupt());
            assertThat(session.drainWithProbe()).isEmpty();
        }
    }

    @Test
    void spawningATaskAbortsTheRunningTurnAsReplaced() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("work"));
            model.nextRequest();
            session.await("user_message");
            session.submit("2", new Op.Compact());
            Event aborted = session.next();
            assertThat(aborted.msg()).isInstanceOfSatisfying(EventMsg.TurnAborted.class,
                    a -> assertThat(a.reason()).isEqualTo(TurnAbortReason.REPLACED));
            Event started = session.next();
            assertThat(started.msg()).isInstanceOfSatisfying(EventMsg.TurnStarted.class,
                    s -> assertThat(s.turnId()).isEqualTo("2"));
        }
    }

    @Test
    void compactReplacesTheHistoryWithTheUserMessagesAndTheSummary() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("first question"));
            model.nextRequest();
            model.answerText("first answer");
            session.await("task_complete");

            session.submit("2", new Op.Compact());
            ModelRequest compactRequest = model.nextRequest();
            assertThat(compactRequest.lastUserText()).contains("COMPACTION");
            model.answerText("we discussed the first question");
            List<Event> compact = session.untilType("task_complete");
            assertThat(types(compact)).containsExactly("task_started", "item_started", "token_count",
                    "item_completed", "context_compacted", "task_complete");
            assertThat(((EventMsg.ItemStarted) compact.get(1).msg()).item()).isInstanceOf(TurnItem.ContextCompaction.class);

            RolloutItem.CompactedLine compacted = (RolloutItem.CompactedLine) session.rollout().stream()
                    .filter(RolloutItem.CompactedLine.class::isInstance).findFirst().orElseThrow();
            assertThat(compacted.payload().replacementHistory())
                    .extracting(item -> ((ResponseItem.Message) item).joinedText())
                    .containsExactly("first question",
                            TurnLifecycle.SUMMARY_PREFIX + "we discussed the first question");

            // The next turn samples on the compacted history plus a fresh context.
            session.submit("3", Op.UserInput.text("next"));
            assertThat(model.nextRequest().lastUserText()).isEqualTo("next");
        }
    }

    @Test
    void aModelErrorIsReportedAndTheTurnCompletes() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("hi"));
            model.nextRequest();
            model.fail("stream disconnected before completion");
            List<Event> skipped = new ArrayList<>();
            Event error = session.await("error", skipped);
            assertThat(((EventMsg.Error) error.msg()).message()).isEqualTo("stream disconnected before completion");
            assertThat(((EventMsg.Error) error.msg()).codexErrorInfo()).isNull();
            assertThat(session.next().msg()).isInstanceOf(EventMsg.TurnComplete.class);
        }
    }

    @Test
    void aUserShellCommandRunsAsAStandaloneTurnWhenIdle() throws Exception {
        try (SessionHarness session = SessionHarness.start(new ControlledModel())) {
            session.submit("sh", new Op.RunUserShellCommand("printf user-shell"));
            List<Event> turn = session.untilType("task_complete");
            assertThat(types(turn)).containsExactly("task_started", "exec_command_begin", "exec_command_end",
                    "task_complete");
            EventMsg.ExecCommandEnd end = (EventMsg.ExecCommandEnd) turn.get(2).msg();
            assertThat(end.source()).isEqualTo(ExecCommandSource.USER_SHELL);
            assertThat(end.stdout()).isEqualTo("user-shell");
            assertThat(end.exitCode()).isZero();
            assertThat(session.rollout()).anySatisfy(item -> assertThat(item).isInstanceOfSatisfying(
                    RolloutItem.ResponseItemLine.class, line -> assertThat(((ResponseItem.Message) line.payload())
                            .joinedText()).startsWith("<user_shell_command>").contains("user-shell")));
        }
    }

    @Test
    void aUserShellCommandDuringATurnDoesNotReplaceIt() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("long work"));
            model.nextRequest();
            session.await("user_message");
            session.submit("sh", new Op.RunUserShellCommand("printf aux"));
            List<Event> aux = session.untilType("exec_command_end");
            assertThat(types(aux)).containsExactly("exec_command_begin", "exec_command_end");
            model.answerText("done");
            List<Event> rest = session.untilType("task_complete");
            assertThat(types(rest)).doesNotContain("turn_aborted", "task_started");
            assertThat(((EventMsg.TurnComplete) rest.get(rest.size() - 1).msg()).turnId()).isEqualTo("1");
        }
    }

    @Test
    void shutdownAbortsTheRunningTurnThenCompletesAndReleasesTheThread() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("work"));
            model.nextRequest();
            session.await("user_message");
            session.submit("2", new Op.Shutdown());
            List<Event> end = session.untilType("shutdown_complete");
            assertThat(types(end)).containsExactly("turn_aborted", "shutdown_complete");
            assertThat(end.get(1).id()).isEqualTo("2");
            session.host.awaitDrained(java.time.Duration.ofSeconds(30));
            assertThat(session.host.find(session.thread.threadId())).as("released").isNull();
            // shutdown_complete is never persisted.
            assertThat(session.rollout()).noneSatisfy(item -> assertThat(item).isInstanceOfSatisfying(
                    RolloutItem.EventMsgLine.class, line -> assertThat(line.payload().type())
                            .isEqualTo("shutdown_complete")));
        }
    }

    @Test
    void aThreadWithOnlySettingsChangesLeavesNoRollout() throws Exception {
        try (SessionHarness session = SessionHarness.start(new ControlledModel())) {
            session.submit("1", new Op.OverrideTurnContext(null, dev.turnstile.core.protocol.policy.AskForApproval.NEVER,
                    null, null, null, null, null, null, null, null, null, null));
            session.submit("2", new Op.Shutdown());
            session.await("shutdown_complete");
            assertThat(session.rollouts.materialized(session.thread.threadId())).isFalse();
        }
    }
}
