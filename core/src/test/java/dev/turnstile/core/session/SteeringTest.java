package dev.turnstile.core.session;

import static dev.turnstile.core.session.SessionHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.policy.NonSteerableTurnKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §1.3: input while a turn runs is steered into it; its errors, in upstream's order of checks. */
class SteeringTest {

    @Test
    void inputDuringARegularTurnIsSteeredIntoItsNextSamplingStep() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("first"));
            model.nextRequest();
            session.await("user_message");

            session.submit("2", Op.UserInput.text("and also this"));
            model.answerText("working on first");
            // The turn picks the steered input up: it is recorded in turn 1, then the model samples again.
            assertThat(model.nextRequest().lastUserText()).isEqualTo("and also this");
            model.answerText("done with both");
            List<Event> rest = session.untilType("task_complete");
            assertThat(types(rest)).doesNotContain("task_started", "turn_aborted");
            assertThat(rest).filteredOn(e -> e.msg() instanceof EventMsg.UserMessage)
                    .singleElement().satisfies(e -> {
                        assertThat(e.id()).isEqualTo("1");
                        assertThat(((EventMsg.UserMessage) e.msg()).message()).isEqualTo("and also this");
                    });
            EventMsg.TurnComplete complete = (EventMsg.TurnComplete) rest.get(rest.size() - 1).msg();
            assertThat(complete.turnId()).isEqualTo("1");
            assertThat(complete.lastAgentMessage()).isEqualTo("done with both");
            assertThat(model.pendingRequests()).isZero();
        }
    }

    @Test
    void settingsSentWithSteeredInputStillBecomeTheThreadDefaults() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("first"));
            model.nextRequest();
            session.await("user_message");
            session.submit("2", new Op.UserInputWithTurnContext(Op.UserInput.text("steer").items(), null, null, null,
                    null, null, null, null, null, null, null, null, null, "other-model", null, null, null, null, null));
            model.answerText("ok");
            assertThat(model.nextRequest().model()).as("the running turn keeps sampling").isEqualTo("other-model");
            model.answerText("ok");
            session.await("task_complete");
            session.submit("3", Op.UserInput.text("next turn"));
            assertThat(model.nextRequest().model()).isEqualTo("other-model");
        }
    }

    @Test
    void emptyInputIsAnErrorEvenWhenIdle() throws Exception {
        try (SessionHarness session = SessionHarness.start(new ControlledModel())) {
            session.submit("1", new Op.UserInput(List.of()));
            Event error = session.next();
            assertThat(error.id()).isEqualTo("1");
            assertThat(error.msg()).isEqualTo(new EventMsg.Error("input must not be empty", CodexErrorInfo.BAD_REQUEST));
            assertThat(session.drainWithProbe()).isEmpty();
        }
    }

    @Test
    void aCompactTurnCannotBeSteered() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("c", new Op.Compact());
            model.nextRequest();
            session.await("item_started");
            session.submit("2", Op.UserInput.text("steer?"));
            Event error = session.next();
            assertThat(error.id()).isEqualTo("2");
            assertThat(error.msg()).isEqualTo(new EventMsg.Error("cannot steer a compact turn",
                    new CodexErrorInfo.ActiveTurnNotSteerable(NonSteerableTurnKind.COMPACT)));
            assertThat(((EventMsg.Error) error.msg()).codexErrorInfo().affectsTurnStatus()).isFalse();
        }
    }

    @Test
    void aSteerForAnExpectedTurnNeverStartsOneAndChecksTheTurnId() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.host.steer(session.thread, "s1", Op.UserInput.text("steer").items(), "turn-x");
            assertThat(session.next().msg()).isEqualTo(new EventMsg.Error("no active turn to steer",
                    CodexErrorInfo.BAD_REQUEST));
            assertThat(model.pendingRequests()).as("no turn was started").isZero();

            session.submit("1", Op.UserInput.text("work"));
            model.nextRequest();
            session.await("user_message");
            session.host.steer(session.thread, "s2", Op.UserInput.text("steer").items(), "other");
            assertThat(session.next().msg()).isEqualTo(new EventMsg.Error(
                    "expected active turn id `other` but found `1`", CodexErrorInfo.BAD_REQUEST));
            session.host.steer(session.thread, "s3", Op.UserInput.text("more").items(), "1");
            model.answerText("ok");
            assertThat(model.nextRequest().lastUserText()).isEqualTo("more");
        }
    }
}
