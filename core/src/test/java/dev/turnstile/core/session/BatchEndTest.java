package dev.turnstile.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ThreadMemoryMode;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.turn.model.ModelClients;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The end of a dispatch batch: the store flushes the shard's journal once for every batch that journaled, and a
 * rollout left holding items (recorded before any user message) is flushed, and so materialized (spec §5.4 #70),
 * without the handler walking every thread the batch touched.
 */
class BatchEndTest {

    @Test
    void aBatchThatJournaledEndsWithOneFlushOfItsOwnShardOnly() throws Exception {
        try (SessionHarness session = SessionHarness.start(ModelClients.fromSpec("echo"))) {
            int shard = session.thread.shard();
            int other = 1 - shard;
            session.host.awaitDrained(Duration.ofSeconds(30));
            long before = session.rollouts.batchesEnded.get(shard);
            long otherBefore = session.rollouts.batchesEnded.get(other);

            session.submit("m", new Op.SetThreadMemoryMode(ThreadMemoryMode.DISABLED));
            assertThat(session.host.awaitDrained(Duration.ofSeconds(30))).isTrue();

            assertThat(session.rollouts.batchesEnded.get(shard)).as("the thread's shard flushed its journal")
                    .isGreaterThan(before);
            assertThat(session.rollouts.batchesEnded.get(other)).as("a shard that journaled nothing")
                    .isEqualTo(otherBefore);
            assertThat(session.rollouts.materialized(session.thread.threadId()))
                    .as("a settings change alone leaves no rollout").isFalse();
        }
    }

    @Test
    void aThreadsFirstRecordIsFlushedWithTheBatchThatStartedIt() throws Exception {
        try (SessionHarness session = SessionHarness.start(ModelClients.fromSpec("echo"))) {
            assertThat(session.host.awaitDrained(Duration.ofSeconds(30))).isTrue();
            assertThat(session.rollouts.batchesEnded.get(session.thread.shard())).isPositive();
        }
    }

    @Test
    void itemsRecordedBeforeAnyUserMessageAreMaterializedWhenTheirBatchEnds() throws Exception {
        // The model never answers: the compaction's task_started is recorded (buffered, no user message yet) and
        // nothing else in the turn materializes the rollout; only the end of the batch does.
        try (SessionHarness session = SessionHarness.start(new ControlledModel())) {
            session.submit("c", new Op.Compact());
            session.await("task_started");
            assertThat(session.host.awaitDrained(Duration.ofSeconds(30))).isTrue();

            assertThat(session.rollouts.materialized(session.thread.threadId())).isTrue();
            assertThat(session.rollout()).anySatisfy(item -> assertThat(item).isInstanceOfSatisfying(
                    RolloutItem.EventMsgLine.class, line -> assertThat(line.payload().type())
                            .isEqualTo("task_started")));
        }
    }
}
