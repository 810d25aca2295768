package dev.turnstile.core.session.history;

import static dev.turnstile.core.session.history.HistoryFixtures.assistant;
import static dev.turnstile.core.session.history.HistoryFixtures.context;
import static dev.turnstile.core.session.history.HistoryFixtures.developer;
import static dev.turnstile.core.session.history.HistoryFixtures.developerBundle;
import static dev.turnstile.core.session.history.HistoryFixtures.historyOf;
import static dev.turnstile.core.session.history.HistoryFixtures.interAgentAssistant;
import static dev.turnstile.core.session.history.HistoryFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.item.ResponseItem;
import dev.turnstile.core.protocol.rollout.TurnContextItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec §2.6: {@link History#dropLastUserTurns(long)}, and the examples of upstream {@code history_tests.rs}. */
class HistoryDropLastUserTurnsTest {

    private static final ResponseItem PREFIX = assistant("session prefix item");

    /** The contextual user messages a session starts with (none of them is a user turn). */
    private static final List<ResponseItem> CONTEXT_PREFIX = List.of(
            user("<environment_context>ctx</environment_context>"),
            user("# AGENTS.md instructions for test_directory\n\n<INSTRUCTIONS>\ntest_text\n</INSTRUCTIONS>"),
            user("<skill>\n<name>demo</name>\n<path>skills/demo/SKILL.md</path>\nbody\n</skill>"),
            user("<user_shell_command>echo 42</user_shell_command>"),
            user("<subagent_notification>{\"agent_id\":\"a\",\"status\":\"completed\"}</subagent_notification>"));

    private static History prefixedTwoTurns() {
        return historyOf(PREFIX, user("u1"), assistant("a1"), user("u2"), assistant("a2"));
    }

    private static History contextPrefixedTwoTurns() {
        History history = historyOf(CONTEXT_PREFIX.toArray(ResponseItem[]::new));
        for (ResponseItem item : List.of(user("turn 1 user"), assistant("turn 1 assistant"), user("turn 2 user"),
                assistant("turn 2 assistant"))) {
            history.record(item);
        }
        return history;
    }

    // upstream: drop_last_n_user_turns_preserves_prefix
    @Test
    void droppingOneTurnKeepsThePrefixAndTheEarlierTurn() {
        History history = prefixedTwoTurns();

        history.dropLastUserTurns(1);

        assertThat(history.items()).containsExactly(PREFIX, user("u1"), assistant("a1"));
    }

    // upstream: drop_last_n_user_turns_preserves_prefix (n larger than the turns: the session prefix survives)
    @Test
    void droppingMoreTurnsThanExistKeepsOnlyTheSessionPrefix() {
        History history = prefixedTwoTurns();

        history.dropLastUserTurns(99);

        assertThat(history.items()).containsExactly(PREFIX);
    }

    // upstream: drop_last_n_user_turns_ignores_session_prefix_user_messages (drop 1)
    @Test
    void contextualUserMessagesBeforeTheFirstTurnAreNotTurns() {
        History history = contextPrefixedTwoTurns();

        history.dropLastUserTurns(1);

        List<ResponseItem> expected = new ArrayList<>(CONTEXT_PREFIX);
        expected.add(user("turn 1 user"));
        expected.add(assistant("turn 1 assistant"));
        assertThat(history.items()).containsExactlyElementsOf(expected);
    }

    // upstream: drop_last_n_user_turns_ignores_session_prefix_user_messages (drop 2 and drop 3)
    @Test
    void droppingEveryTurnKeepsExactlyTheContextualPrefix() {
        for (long n : new long[] {2, 3}) {
            History history = contextPrefixedTwoTurns();

            history.dropLastUserTurns(n);

            assertThat(history.items()).as("drop %d", n).containsExactlyElementsOf(CONTEXT_PREFIX);
        }
    }

    // upstream: drop_last_n_user_turns_trims_context_updates_above_rolled_back_turn
    @Test
    void contextUpdatesAboveTheRolledBackTurnGoWithItAndTheReferenceContextStays() {
        ResponseItem generatedImages = developer("Generated images are saved to /tmp as /tmp/image-1.png by default.");
        History history = historyOf(PREFIX, user("turn 1 user"), assistant("turn 1 assistant"), generatedImages,
                developer("<collaboration_mode>ROLLED_BACK_DEV_INSTRUCTIONS</collaboration_mode>"),
                user("<environment_context><cwd>PRETURN_CONTEXT_DIFF_CWD</cwd></environment_context>"),
                user("turn 2 user"), assistant("turn 2 assistant"));
        TurnContextItem reference = context("turn-1", "gpt-5.4");
        history.setReferenceContext(reference);

        history.dropLastUserTurns(1);

        assertThat(history.items()).containsExactly(PREFIX, user("turn 1 user"), assistant("turn 1 assistant"),
                generatedImages);
        assertThat(history.referenceContext()).isEqualTo(reference);
    }

    // upstream: drop_last_n_user_turns_clears_reference_context_for_mixed_developer_context_bundles
    @Test
    void aTrimmedDeveloperBundleMixingContextAndInstructionsClearsTheReferenceContext() {
        History history = historyOf(user("turn 1 user"), assistant("turn 1 assistant"),
                developerBundle("<permissions instructions>contextual permissions</permissions instructions>",
                        "persistent plugin instructions"),
                user("<environment_context><cwd>PRETURN_CONTEXT_DIFF_CWD</cwd></environment_context>"),
                user("turn 2 user"), assistant("turn 2 assistant"));
        history.setReferenceContext(context("turn-1", "gpt-5.4"));

        history.dropLastUserTurns(1);

        assertThat(history.items()).containsExactly(user("turn 1 user"), assistant("turn 1 assistant"));
        assertThat(history.referenceContext()).isNull();
    }

    // upstream: drop_last_n_user_turns_treats_inter_agent_assistant_messages_as_instruction_turns
    @Test
    void anInterAgentAssistantInstructionIsATurn() {
        History history = historyOf(user("first"), assistant("done"), interAgentAssistant("continue"),
                assistant("worker reply"));

        history.dropLastUserTurns(1);

        assertThat(history.items()).containsExactly(user("first"), assistant("done"));
    }

    // upstream: legacy_inter_agent_assistant_messages_are_not_turn_boundaries
    @Test
    void aLegacyPlainTextInterAgentMessageIsNotATurn() {
        ResponseItem legacy =
                assistant("author: /root\nrecipient: /root/worker\nother_recipients: []\nContent: continue");
        History history = historyOf(user("first"), assistant("done"), legacy, assistant("worker reply"));

        history.dropLastUserTurns(1);

        // The only boundary is "first": dropping it leaves nothing before it.
        assertThat(ContextualFragments.isUserTurnBoundary(legacy)).isFalse();
        assertThat(history.items()).isEmpty();
    }

    // spec §2.6 step 1: n == 0 is a no-op
    @Test
    void droppingZeroTurnsChangesNothing() {
        History history = prefixedTwoTurns();
        TurnContextItem reference = context("turn-2", "gpt-5.4");
        history.setReferenceContext(reference);

        history.dropLastUserTurns(0);

        assertThat(history.items()).containsExactly(PREFIX, user("u1"), assistant("a1"), user("u2"),
                assistant("a2"));
        assertThat(history.referenceContext()).isEqualTo(reference);
    }

    // spec §2.6 step 2: no boundary at all is a no-op, even with trimmable context at the end
    @Test
    void aHistoryWithoutUserTurnsIsLeftAlone() {
        History history = historyOf(PREFIX, developer("<collaboration_mode>x</collaboration_mode>"),
                user("<environment_context>ctx</environment_context>"), assistant("a"));
        TurnContextItem reference = context("turn-1", "gpt-5.4");
        history.setReferenceContext(reference);

        history.dropLastUserTurns(3);

        assertThat(history.items()).containsExactly(PREFIX, developer("<collaboration_mode>x</collaboration_mode>"),
                user("<environment_context>ctx</environment_context>"), assistant("a"));
        assertThat(history.referenceContext()).isEqualTo(reference);
    }

    // spec §2.6 step 4: the trim walk never crosses the first boundary
    @Test
    void theTrimWalkStopsAtTheFirstTurnSoContextBeforeItSurvives() {
        History history = historyOf(developer("<permissions instructions>p</permissions instructions>"),
                user("<environment_context>ctx</environment_context>"), user("u1"), assistant("a1"));

        history.dropLastUserTurns(1);

        assertThat(history.items()).containsExactly(
                developer("<permissions instructions>p</permissions instructions>"),
                user("<environment_context>ctx</environment_context>"));
    }

    // spec §2.6 step 3: dropping the n-th boundary from the end, counting across several turns
    @Test
    void droppingTwoOfThreeTurnsKeepsTheFirst() {
        History history = historyOf(user("u1"), assistant("a1"), user("u2"), assistant("a2"), user("u3"),
                assistant("a3"));

        history.dropLastUserTurns(2);

        assertThat(history.items()).containsExactly(user("u1"), assistant("a1"));
    }
}
