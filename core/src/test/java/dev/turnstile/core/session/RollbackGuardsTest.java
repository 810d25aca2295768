package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.Event;
import dev.turnstile.core.protocol.event.EventMsg;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.CodexErrorInfo;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import org.junit.jupiter.api.Test;

/** Spec §1.5, §2.9, §5.1 cases 1-5 and 8: the rollback handler's guards and its event order. */
class RollbackGuardsTest {

    @Test
    void zeroTurnsIsRefused() throws Exception {
        try (SessionHarness session = SessionHarness.start(new ControlledModel())) {
            session.submit("sub-1", new Op.ThreadRollback(0));
            Event error = session.next();
            assertThat(error.id()).isEqualTo("sub-1");
            assertThat(error.msg()).isEqualTo(new EventMsg.Error("num_turns must be >= 1",
                    CodexErrorInfo.THREAD_ROLLBACK_FAILED));
        }
    }

    @Test
    void aRollbackWhileATurnRunsIsRefusedAndTheTurnGoesOn() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            session.submit("1", Op.UserInput.text("work"));
            model.nextRequest();
            session.await("user_message");
            session.submit("2", new Op.ThreadRollback(1));
            assertThat(session.next().msg()).isEqualTo(new EventMsg.Error(
                    "Cannot rollback while a turn is in progress.", CodexErrorInfo.THREAD_ROLLBACK_FAILED));
            model.answerText("still fine");
            assertThat(session.await("task_complete").id()).isEqualTo("1");
        }
    }

    @Test
    void aThreadWithoutPersistedHistoryCannotBeRolledBack() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.startWithoutJournal(model)) {
            session.submit("1", Op.UserInput.text("u1"));
            model.nextRequest();
            model.answerText("a1");
            session.await("task_complete");
            session.submit("2", new Op.ThreadRollback(1));
            assertThat(session.next().msg()).isEqualTo(new EventMsg.Error(
                    "thread rollback requires persisted thread history", CodexErrorInfo.THREAD_ROLLBACK_FAILED));
        }
    }

    @Test
    void rollbackEmitsTokenCountThenTheMarkerWhichIsPersistedOncePerRollback() throws Exception {
        ControlledModel model = new ControlledModel();
        try (SessionHarness session = SessionHarness.start(model)) {
            for (String turn : new String[] {"turn 1", "turn 2", "turn 3"}) {
                session.submit(turn, Op.UserInput.text(turn + " user"));
                model.nextRequest();
                model.answerText(turn + " assistant");
                session.await("task_complete");
            }
            for (int i = 0; i < 2; i++) {
                session.submit("rb" + i, new Op.ThreadRollback(1));
                assertThat(session.next().msg()).isInstanceOf(EventMsg.TokenCount.class);
                Event marker = session.next();
                assertThat(marker.id()).isEqualTo("rb" + i);
                assertThat(marker.msg()).isEqualTo(new EventMsg.ThreadRolledBack(1, java.util.Map.of()));
            }
            // Only turn 1 remains (initial context, u1, a1), then the new turn's own message.
            session.submit("4", Op.UserInput.text("after rollback"));
            assertThat(model.nextRequest().historyItems()).isEqualTo(5);
            assertThat(session.rollout()).filteredOn(item -> item instanceof RolloutItem.EventMsgLine line
                    && line.payload() instanceof EventMsg.ThreadRolledBack).hasSize(2);
        }
    }
}
