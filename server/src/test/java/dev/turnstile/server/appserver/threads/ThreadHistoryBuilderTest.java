package dev.turnstile.server.appserver.threads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.session.rollout.SelectedRollout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The turn list rebuilt from only the lines {@link ThreadHistoryBuilder#LINES_READ} chooses is the list rebuilt
 * from the whole rollout: the filter names every event the builder reacts to. The rollout below holds every one
 * of them, between lines the builder ignores.
 */
class ThreadHistoryBuilderTest {
    private static final String T = "{\"timestamp\":\"2026-11-25T00:00:00.000Z\",";

    /** Legacy implicit turns first (ids from line positions), then explicit turns exercising every event handled. */
    private static final List<String> ROLLOUT = List.of(
            T + "\"type\":\"session_meta\",\"payload\":{\"id\":\"01a20fca-6c17-7851-a5b0-f3afc4efe301\","
                    + "\"timestamp\":\"t\",\"cwd\":\"/r\",\"originator\":\"test\",\"cli_version\":\"0\"}}",
            T + "\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"input_text\",\"text\":\"legacy one\"}]}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"legacy one\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":null,\"rate_limits\":null}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_reasoning\",\"text\":\"thinking\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_message\",\"message\":\"answer one\"}}",
            T + "\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                    + "[{\"type\":\"output_text\",\"text\":\"answer one\"}]}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"legacy two\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"context_compacted\"}}",
            T + "\"type\":\"compacted\",\"payload\":{\"message\":\"summary\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"task_started\",\"turn_id\":\"t1\",\"started_at\":1}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"review please\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"entered_review_mode\",\"target\":"
                    + "{\"type\":\"uncommittedChanges\"},\"user_facing_hint\":\"current changes\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"item_completed\",\"thread_id\":\"x\",\"turn_id\":\"t1\","
                    + "\"item\":{\"type\":\"Plan\",\"id\":\"p1\",\"text\":\"the plan\"},\"completed_at_ms\":2}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"exited_review_mode\",\"review_output\":"
                    + "{\"overall_explanation\":\"looks fine\"}}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"error\",\"message\":\"boom\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"task_complete\",\"turn_id\":\"t1\","
                    + "\"last_agent_message\":null,\"completed_at\":3,\"duration_ms\":2}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"task_started\",\"turn_id\":\"t2\"}}",
            T + "\"type\":\"turn_context\",\"payload\":{\"cwd\":\"/r\",\"approval_policy\":\"never\","
                    + "\"sandbox_policy\":{\"type\":\"read-only\"},\"model\":\"m\",\"summary\":\"auto\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"stop\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"turn_aborted\",\"turn_id\":\"t2\","
                    + "\"reason\":\"interrupted\",\"completed_at\":5,\"duration_ms\":4}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"dropped\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"thread_rolled_back\",\"num_turns\":1}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"turn_started\",\"turn_id\":\"t4\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"done\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"turn_complete\",\"turn_id\":\"t4\","
                    + "\"last_agent_message\":null,\"completed_at\":9}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"task_started\",\"turn_id\":\"t5\"}}",
            T + "\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"still running\"}}");

    private static List<RolloutItem> items() {
        return ROLLOUT.stream().map(line -> ProtocolCodec.shared().decodeRolloutLine(line).item()).toList();
    }

    private static JsonNode rendered(List<ThreadHistoryBuilder.RenderedTurn> turns) {
        return ThreadViews.turns(turns, true);
    }

    @Test
    void theTurnsFromTheChosenLinesAreTheTurnsFromTheWholeRollout() {
        List<RolloutItem> all = items();
        SelectedRollout chosen = SelectedRollout.select(all, ThreadHistoryBuilder.LINES_READ);
        assertThat(chosen.items()).hasSizeLessThan(all.size());
        for (String active : new String[] {null, "t5"}) {
            assertThat(rendered(ThreadHistoryBuilder.build(chosen, active)))
                    .isEqualTo(rendered(ThreadHistoryBuilder.build(all, active)));
        }
    }

    @Test
    void everyEventTheBuilderReactsToChangesTheTurnsWhenLeftOut() {
        List<RolloutItem> all = items();
        JsonNode whole = rendered(ThreadHistoryBuilder.build(all, null));
        for (int i = 0; i < all.size(); i++) {
            if (!ThreadHistoryBuilder.LINES_READ.wants(all.get(i))) {
                continue;
            }
            List<RolloutItem> without = new java.util.ArrayList<>(all);
            without.set(i, ProtocolCodec.shared().decodeRolloutLine(T + "\"type\":\"event_msg\",\"payload\":"
                    + "{\"type\":\"token_count\",\"info\":null,\"rate_limits\":null}}").item());
            assertThat(rendered(ThreadHistoryBuilder.build(without, null))).as("without line %d: %s", i,
                    ROLLOUT.get(i)).isNotEqualTo(whole);
        }
    }

    @Test
    void theRenderedTurnsShowWhatTheRolloutSays() {
        JsonNode turns = rendered(ThreadHistoryBuilder.build(items(), "t5"));
        assertThat(turns).hasSize(6);
        assertThat(turns.get(0).get("id").asText()).isEqualTo("rollout-3");
        assertThat(turns.get(1).get("id").asText()).isEqualTo("rollout-8");
        assertThat(turns.get(2).get("id").asText()).isEqualTo("t1");
        assertThat(turns.get(2).get("status").asText()).isEqualTo("failed");
        assertThat(turns.get(3).get("id").asText()).isEqualTo("t2");
        assertThat(turns.get(3).get("status").asText()).isEqualTo("interrupted");
        assertThat(turns.get(4).get("id").asText()).isEqualTo("t4");
        assertThat(turns.get(4).get("status").asText()).isEqualTo("completed");
        assertThat(turns.get(5).get("id").asText()).isEqualTo("t5");
        assertThat(turns.get(5).get("status").asText()).isEqualTo("inProgress");
    }
}
