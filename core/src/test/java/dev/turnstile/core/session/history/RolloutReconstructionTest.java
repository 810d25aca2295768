package dev.turnstile.core.session.history;

import static dev.turnstile.core.session.history.HistoryFixtures.assistant;
import static dev.turnstile.core.session.history.HistoryFixtures.compacted;
import static dev.turnstile.core.session.history.HistoryFixtures.complete;
import static dev.turnstile.core.session.history.HistoryFixtures.context;
import static dev.turnstile.core.session.history.HistoryFixtures.developer;
import static dev.turnstile.core.session.history.HistoryFixtures.interAgentAssistant;
import static dev.turnstile.core.session.history.HistoryFixtures.line;
import static dev.turnstile.core.session.history.HistoryFixtures.rollout;
import static dev.turnstile.core.session.history.HistoryFixtures.rolledBack;
import static dev.turnstile.core.session.history.HistoryFixtures.started;
import static dev.turnstile.core.session.history.HistoryFixtures.user;
import static dev.turnstile.core.session.history.HistoryFixtures.userEvent;
import static dev.turnstile.core.session.history.HistoryFixtures.userTurn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.RolloutItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import dev.turnstile.core.session.history.RolloutReconstruction.PreviousTurnSettings;
import dev.turnstile.core.session.history.RolloutReconstruction.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec §2.7 and §5.2 cases 25–31: {@link RolloutReconstruction#reconstruct(List)}, with upstream's
 * {@code rollout_reconstruction_tests.rs} and {@code session/tests.rs} as the source of the inputs, and the
 * deliberate fix of spec §2.12 (DESIGN.md "The journal").
 */
class RolloutReconstructionTest {

    private static final TurnContextItem TURN_1 = context("turn-1", "gpt-5.4", false);
    private static final TurnContextItem ROLLED_BACK = context("rolled-back-turn", "rolled-back-model", true);
    private static final PreviousTurnSettings TURN_1_SETTINGS = new PreviousTurnSettings("gpt-5.4", false);

    private static List<RolloutItem> firstTurn() {
        return userTurn(TURN_1, "turn 1 user", user("turn 1 user"), assistant("turn 1 assistant"));
    }

    private static void assertTurnOneSurvives(Result result) {
        assertThat(result.history()).containsExactly(user("turn 1 user"), assistant("turn 1 assistant"));
        assertThat(result.previousTurnSettings()).isEqualTo(TURN_1_SETTINGS);
        assertThat(result.referenceContext()).isEqualTo(TURN_1);
    }

    // §5.2 case 25: reconstruct_history_rollback_keeps_history_and_metadata_in_sync_for_completed_turns
    @Test
    void rollingBackACompletedTurnRestoresTheEarlierTurnAndItsMetadata() {
        List<RolloutItem> items = rollout(firstTurn(),
                userTurn(ROLLED_BACK, "turn 2 user", user("turn 2 user"), assistant("turn 2 assistant")),
                List.of(rolledBack(1)));

        assertTurnOneSurvives(RolloutReconstruction.reconstruct(items));
    }

    // §5.2 case 26: reconstruct_history_rollback_keeps_history_and_metadata_in_sync_for_incomplete_turn
    @Test
    void anIncompleteTrailingTurnIsRolledBackLikeACompletedOne() {
        List<RolloutItem> items = rollout(firstTurn(), List.of(
                started("incomplete-rolled-back-turn"), userEvent("turn 2 user"), line(user("turn 2 user")),
                rolledBack(1)));

        assertTurnOneSurvives(RolloutReconstruction.reconstruct(items));
    }

    // §5.2 case 27: reconstruct_history_rollback_skips_non_user_turns_for_history_and_metadata
    @Test
    void aStandaloneTurnNewerThanTheRolledBackTurnIsDroppedWithoutUsingUpTheCount() {
        List<RolloutItem> items = rollout(firstTurn(), List.of(
                started("rolled-back-user-turn"), userEvent("turn 2 user"), line(user("turn 2 user")),
                line(assistant("turn 2 assistant")), complete("rolled-back-user-turn"),
                started("standalone-turn"), line(assistant("standalone assistant")), complete("standalone-turn"),
                rolledBack(1)));

        assertTurnOneSurvives(RolloutReconstruction.reconstruct(items));
    }

    // §5.2 case 28: reconstruct_history_rollback_counts_inter_agent_assistant_turns
    @Test
    void aTurnStartedByAnInterAgentInstructionCountsAsAUserTurn() {
        TurnContextItem assistantTurn = context("assistant-instruction-turn", "gpt-5.4", false);
        List<RolloutItem> items = rollout(firstTurn(), List.of(
                started("assistant-instruction-turn"), line(assistantTurn), line(interAgentAssistant("continue")),
                line(assistant("worker reply")), complete("assistant-instruction-turn"), rolledBack(1)));

        assertTurnOneSurvives(RolloutReconstruction.reconstruct(items));
    }

    // §5.2 case 29: reconstruct_history_rollback_clears_history_and_metadata_when_exceeding_user_turns
    @Test
    void rollingBackPastEveryTurnClearsHistoryAndMetadata() {
        List<RolloutItem> items = rollout(
                userTurn(TURN_1, "only user", user("only user"), assistant("only assistant")),
                List.of(rolledBack(99)));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).isEmpty();
        assertThat(result.previousTurnSettings()).isNull();
        assertThat(result.referenceContext()).isNull();
    }

    // §5.1 case 5 (thread_rollback_clears_history_when_num_turns_exceeds_existing_turns): the prefix survives
    @Test
    void rollingBackPastEveryTurnKeepsTheInitialContextBeforeTheFirstTurn() {
        ResponseItem permissions = developer("<permissions instructions>p</permissions instructions>");
        ResponseItem environment = user("<environment_context>ctx</environment_context>");
        List<RolloutItem> items = List.of(line(permissions), line(environment), line(user("turn 1 user")),
                rolledBack(99));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(permissions, environment);
    }

    // §5.2 case 30: record_initial_history_resumed_rollback_skips_only_user_turns
    @Test
    void theRollbackConsumesTheUserTurnNotTheNewerStandaloneTurn() {
        List<RolloutItem> items = rollout(
                List.of(started("turn-1"), userEvent("seed"), line(TURN_1), complete("turn-1")),
                List.of(started("standalone-task-turn"), complete("standalone-task-turn")),
                List.of(rolledBack(1)));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).isEmpty();
        assertThat(result.previousTurnSettings()).isNull();
        assertThat(result.referenceContext()).isNull();
    }

    // §5.2 case 31: reconstruct_history_uses_replacement_history_verbatim
    @Test
    void aReplacementHistoryIsUsedVerbatim() {
        List<ResponseItem> replacement = List.of(user("summary"), developer("stale developer instructions"));

        Result result = RolloutReconstruction.reconstruct(List.of(compacted("", replacement)));

        assertThat(result.history()).containsExactlyElementsOf(replacement);
        assertThat(result.previousTurnSettings()).isNull();
        assertThat(result.referenceContext()).isNull();
    }

    // spec §2.7: items after a surviving replacement history are appended to it
    @Test
    void itemsAfterTheReplacementHistoryAreAppended() {
        TurnContextItem turn2 = context("turn-2", "gpt-5.4", false);
        List<ResponseItem> replacement = List.of(user("turn 1 user"), user("summary"));
        List<RolloutItem> items = rollout(firstTurn(),
                List.of(started("compact-turn"), compacted("summary", replacement), complete("compact-turn")),
                userTurn(turn2, "turn 2 user", user("turn 2 user"), assistant("turn 2 assistant")));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(user("turn 1 user"), user("summary"), user("turn 2 user"),
                assistant("turn 2 assistant"));
        assertThat(result.previousTurnSettings()).isEqualTo(new PreviousTurnSettings("gpt-5.4", false));
        assertThat(result.referenceContext()).isEqualTo(turn2);
    }

    // spec §2.7, §5.1 case 8: thread_rollback_persists_marker_and_replays_cumulatively
    @Test
    void rollbackMarkersAccumulate() {
        TurnContextItem turn2 = context("turn-2", "model-2", false);
        TurnContextItem turn3 = context("turn-3", "model-3", false);
        List<RolloutItem> items = rollout(firstTurn(),
                userTurn(turn2, "turn 2 user", user("turn 2 user"), assistant("turn 2 assistant")),
                userTurn(turn3, "turn 3 user", user("turn 3 user"), assistant("turn 3 assistant")),
                List.of(rolledBack(1), rolledBack(1)));

        assertTurnOneSurvives(RolloutReconstruction.reconstruct(items));
    }

    // spec §2.7: a marker only applies to the turns before it
    @Test
    void aMarkerBetweenTurnsOnlyDropsTheTurnsBeforeIt() {
        TurnContextItem turn2 = context("turn-2", "model-2", false);
        TurnContextItem turn3 = context("turn-3", "model-3", true);
        List<RolloutItem> items = rollout(firstTurn(),
                userTurn(turn2, "turn 2 user", user("turn 2 user"), assistant("turn 2 assistant")),
                List.of(rolledBack(1)),
                userTurn(turn3, "turn 3 user", user("turn 3 user"), assistant("turn 3 assistant")));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(user("turn 1 user"), assistant("turn 1 assistant"),
                user("turn 3 user"), assistant("turn 3 assistant"));
        assertThat(result.previousTurnSettings()).isEqualTo(new PreviousTurnSettings("model-3", true));
        assertThat(result.referenceContext()).isEqualTo(turn3);
    }

    // spec §2.7 rule, §5.1 case 7: thread_rollback_restores_cleared_reference_context_item_after_compaction
    @Test
    void rollingBackTheTurnAfterACompactionRestoresTheReplacementHistoryWithoutAReference() {
        List<ResponseItem> replacement = List.of(user("turn 1 user"), user("summary after compaction"));
        List<RolloutItem> items = rollout(firstTurn(),
                List.of(started("compact-turn"), compacted("summary after compaction", replacement),
                        complete("compact-turn")),
                userTurn(ROLLED_BACK, "turn 2 user", user("turn 2 user"), assistant("turn 2 assistant")),
                List.of(rolledBack(1)));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactlyElementsOf(replacement);
        assertThat(result.referenceContext()).isNull();
        assertThat(result.previousTurnSettings()).isEqualTo(TURN_1_SETTINGS);
    }

    // spec §2.12, DESIGN.md "The journal": rolling back past a compaction keeps the turns the metadata keeps
    // (upstream would rebuild an empty history here).
    @Test
    void rollingBackPastACompactionKeepsTheSurvivingTurnsItems() {
        TurnContextItem turn2 = context("turn-2", "model-2", false);
        List<ResponseItem> replacement = List.of(user("turn 1 user"), user("turn 2 user"), user("summary"));
        List<RolloutItem> items = rollout(firstTurn(),
                userTurn(turn2, "turn 2 user", user("turn 2 user"), assistant("turn 2 assistant")),
                List.of(started("compact-turn"), compacted("summary", replacement), complete("compact-turn")),
                List.of(rolledBack(1)));

        assertTurnOneSurvives(RolloutReconstruction.reconstruct(items));
    }

    // spec §2.12 fix, variant: a compaction inside the rolled-back user turn is ignored as well
    @Test
    void aCompactionInsideTheRolledBackTurnIsIgnored() {
        TurnContextItem turn2 = context("turn-2", "model-2", false);
        List<RolloutItem> items = rollout(firstTurn(), List.of(
                started("turn-2"), userEvent("turn 2 user"), line(turn2), line(user("turn 2 user")),
                compacted("summary", List.of(user("turn 1 user"), user("turn 2 user"), user("summary"))),
                line(assistant("turn 2 assistant")), complete("turn-2"), rolledBack(1)));

        assertTurnOneSurvives(RolloutReconstruction.reconstruct(items));
    }

    // spec §2.7 pass 2: a legacy compaction (no replacement history) rebuilds from the user messages and the
    // summary, and the reference context is forced to none.
    // upstream: reconstruct_history_legacy_compaction_without_replacement_history_does_not_inject_current_initial_context
    @Test
    void aLegacyCompactionRebuildsFromTheUserMessagesAndTheSummary() {
        List<RolloutItem> items = List.of(
                line(user("<environment_context>ctx</environment_context>")),
                line(user("before compact")), line(assistant("assistant reply")),
                compacted("legacy summary", null));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(user("before compact"), user("legacy summary"));
        assertThat(result.referenceContext()).isNull();
    }

    // upstream: reconstruct_history_legacy_compaction_without_replacement_history_clears_later_reference_context_item
    @Test
    void aLegacyCompactionClearsEvenALaterReferenceContext() {
        TurnContextItem current = context("current-turn", "gpt-5.4", false);
        List<RolloutItem> items = List.of(
                line(user("before compact")), compacted("legacy summary", null),
                started("current-turn"), userEvent("after legacy compact"), line(current), complete("current-turn"));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(user("before compact"), user("legacy summary"));
        assertThat(result.previousTurnSettings()).isEqualTo(new PreviousTurnSettings("gpt-5.4", false));
        assertThat(result.referenceContext()).isNull();
    }

    // spec §2.7 pass 2: an empty legacy summary becomes "(no summary available)"
    @Test
    void anEmptyLegacySummaryIsReplacedByAPlaceholder() {
        List<RolloutItem> items = List.of(line(user("u1")), line(assistant("a1")), compacted("", null));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(user("u1"), user("(no summary available)"));
    }

    // spec §2.7 pass 2: a second legacy compaction does not carry the summary the first one wrote
    // (TurnResults writes "SUMMARY_PREFIX + summary" into replacement histories)
    @Test
    void aLaterLegacyCompactionLeavesEarlierSummariesOut() {
        String earlierSummary = LegacyCompaction.SUMMARY_PREFIX + "first summary";
        List<RolloutItem> items = List.of(
                compacted("first summary", List.of(user("u1"), user(earlierSummary))),
                line(user("u2")), line(assistant("a2")),
                compacted("second summary", null));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(user("u1"), user("u2"), user("second summary"));
    }

    // spec §2.7 pass 2 ("system messages dropped")
    @Test
    void systemMessagesAreNotReplayedIntoTheHistory() {
        ResponseItem system = new ResponseItem.Message(null, "system",
                List.of(new ContentItem.InputText("sys")), null);
        List<RolloutItem> items = List.of(line(system), line(user("u1")), line(assistant("a1")));

        Result result = RolloutReconstruction.reconstruct(items);

        assertThat(result.history()).containsExactly(user("u1"), assistant("a1"));
    }

    // spec §2.7: a bare turn_context (no user turn around it) seeds neither settings nor reference
    // upstream: record_initial_history_resumed_bare_turn_context_does_not_hydrate_previous_turn_settings
    @Test
    void aBareTurnContextSeedsNoMetadata() {
        Result result = RolloutReconstruction.reconstruct(List.of(line(TURN_1)));

        assertThat(result.history()).isEmpty();
        assertThat(result.previousTurnSettings()).isNull();
        assertThat(result.referenceContext()).isNull();
    }
}
