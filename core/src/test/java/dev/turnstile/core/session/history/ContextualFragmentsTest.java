package dev.turnstile.core.session.history;

import static dev.turnstile.core.session.history.HistoryFixtures.assistant;
import static dev.turnstile.core.session.history.HistoryFixtures.developer;
import static dev.turnstile.core.session.history.HistoryFixtures.developerBundle;
import static dev.turnstile.core.session.history.HistoryFixtures.interAgentJson;
import static dev.turnstile.core.session.history.HistoryFixtures.user;
import static dev.turnstile.core.session.history.HistoryFixtures.userParts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.protocol.item.ContentItem;
import dev.turnstile.core.protocol.item.ResponseItem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec §2.5: which messages the host injected (contextual user fragments, contextual developer prefixes), and which
 * messages are user-turn boundaries (upstream {@code contextual_user_message.rs}, {@code fragment.rs},
 * {@code event_mapping.rs}, {@code history.rs::is_user_turn_boundary}).
 */
class ContextualFragmentsTest {

    // ---- user-role fragments ----------------------------------------------------------------------

    // spec §2.5: every registered user-role marker pair
    @ParameterizedTest
    @ValueSource(strings = {
            "# AGENTS.md instructions for /repo\n\n<INSTRUCTIONS>\nbe nice\n</INSTRUCTIONS>",
            "<environment_context>\n  <cwd>/repo</cwd>\n</environment_context>",
            "<skill>\n<name>demo</name>\nbody\n</skill>",
            "<user_shell_command>\n<command>ls</command>\n</user_shell_command>",
            "<turn_aborted>\nThe user interrupted the previous turn.\n</turn_aborted>",
            "<subagent_notification>{\"agent_id\":\"a\",\"status\":\"completed\"}</subagent_notification>",
            "<goal_context>\nship it\n</goal_context>"})
    void eachRegisteredMarkerPairMakesAContextualUserMessage(String text) {
        ResponseItem message = user(text);

        assertThat(ContextualFragments.isContextualUserMessage(message)).isTrue();
        assertThat(ContextualFragments.isUserTurnBoundary(message)).isFalse();
    }

    // spec §2.5: markers compare case-insensitively, after leading whitespace (trailing whitespace is ignored too)
    @ParameterizedTest
    @ValueSource(strings = {
            "<ENVIRONMENT_CONTEXT>ctx</Environment_Context>",
            "  \n\t<environment_context>ctx</environment_context>",
            "<environment_context>ctx</environment_context>\n  ",
            "# agents.md INSTRUCTIONS FOR /repo\n<instructions>x</instructions>",
            "\n<Turn_Aborted>x</TURN_ABORTED>"})
    void markersMatchCaseInsensitivelyAfterLeadingWhitespace(String text) {
        assertThat(ContextualFragments.isContextualUserMessage(user(text))).isTrue();
    }

    // spec §2.5: a fragment needs both its start and its end marker, at the ends of the text
    @ParameterizedTest
    @ValueSource(strings = {
            "<environment_context>ctx",
            "ctx</environment_context>",
            "please read <environment_context>ctx</environment_context>",
            "<environment_context>ctx</environment_context> and more",
            "<skill>body</environment_context>",
            "AGENTS.md instructions for /repo</INSTRUCTIONS>",
            "hello"})
    void textWithoutAMatchingMarkerPairIsTypedByTheUser(String text) {
        ResponseItem message = user(text);

        assertThat(ContextualFragments.isContextualUserMessage(message)).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(message)).isTrue();
    }

    // spec §2.5: any input_text part being a fragment makes the whole message contextual
    @Test
    void oneContextualPartMakesTheWholeMessageContextual() {
        ResponseItem message = userParts("typed by the user", "<environment_context>ctx</environment_context>");

        assertThat(ContextualFragments.isContextualUserMessage(message)).isTrue();
        assertThat(ContextualFragments.isUserTurnBoundary(message)).isFalse();
    }

    // spec §2.5: only input_text parts are inspected, and only user messages are contextual user messages
    @Test
    void onlyInputTextPartsOfUserMessagesCount() {
        ResponseItem outputText = new ResponseItem.Message(null, "user",
                List.of(new ContentItem.OutputText("<environment_context>ctx</environment_context>")), null);
        ResponseItem assistantFragment = assistant("<environment_context>ctx</environment_context>");
        ResponseItem developerFragment = developer("<environment_context>ctx</environment_context>");

        assertThat(ContextualFragments.isContextualUserMessage(outputText)).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(outputText)).isTrue();
        assertThat(ContextualFragments.isContextualUserMessage(assistantFragment)).isFalse();
        assertThat(ContextualFragments.isContextualUserMessage(developerFragment)).isFalse();
    }

    // spec §2.5, upstream items.rs::parse_hook_prompt_fragment: a hook prompt with a non-empty run id
    @ParameterizedTest
    @ValueSource(strings = {
            "<hook_prompt hook_run_id=\"run-1\">Keep going</hook_prompt>",
            "  <hook_prompt hook_run_id=\"run-1\">multi\nline</hook_prompt>\n"})
    void aHookPromptWithARunIdIsContextual(String text) {
        ResponseItem message = user(text);

        assertThat(ContextualFragments.isContextualUserMessage(message)).isTrue();
        assertThat(ContextualFragments.isUserTurnBoundary(message)).isFalse();
    }

    // spec §2.5: an empty (or blank, or missing) run id does not make a hook prompt
    @ParameterizedTest
    @ValueSource(strings = {
            "<hook_prompt hook_run_id=\"\">Keep going</hook_prompt>",
            "<hook_prompt hook_run_id=\"   \">Keep going</hook_prompt>",
            "<hook_prompt>Keep going</hook_prompt>",
            "<hook_prompt hook_run_id=\"run-1\">Keep going"})
    void aHookPromptWithoutARunIdIsTypedByTheUser(String text) {
        ResponseItem message = user(text);

        assertThat(ContextualFragments.isContextualUserMessage(message)).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(message)).isTrue();
    }

    // ---- developer prefixes -----------------------------------------------------------------------

    // spec §2.5 (event_mapping.rs): the contextual developer prefixes trimmed with a rolled-back turn
    @ParameterizedTest
    @ValueSource(strings = {
            "<permissions instructions>\nsandbox\n</permissions instructions>",
            "<model_switch>\nnow gpt-5.4\n</model_switch>",
            "<collaboration_mode>plan</collaboration_mode>",
            "<realtime_conversation>on</realtime_conversation>",
            "<personality_spec>friendly</personality_spec>",
            "  \n<collaboration_mode>leading whitespace</collaboration_mode>"})
    void eachContextualDeveloperPrefixIsRecognised(String text) {
        ResponseItem message = developer(text);

        assertThat(ContextualFragments.hasContextualDeveloperFragment(message)).isTrue();
        assertThat(ContextualFragments.hasNonContextualDeveloperText(message)).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(message)).isFalse();
    }

    // upstream event_mapping.rs::is_contextual_dev_fragment compares the prefix ignoring ASCII case
    @ParameterizedTest
    @ValueSource(strings = {"<PERMISSIONS INSTRUCTIONS>x", "<Collaboration_Mode>plan</Collaboration_Mode>"})
    void developerPrefixesMatchCaseInsensitively(String text) {
        assertThat(ContextualFragments.hasContextualDeveloperFragment(developer(text))).isTrue();
    }

    // spec §2.5/§2.6: other developer text is not a context update; a bundle may mix both
    @Test
    void developerTextIsContextualOnlyWhenAPartStartsWithAPrefix() {
        ResponseItem plain = developer("Generated images are saved to /tmp as /tmp/image-1.png by default.");
        ResponseItem embedded = developer("see <collaboration_mode>plan</collaboration_mode>");
        ResponseItem mixed = developerBundle("<permissions instructions>p</permissions instructions>",
                "persistent plugin instructions");

        assertThat(ContextualFragments.hasContextualDeveloperFragment(plain)).isFalse();
        assertThat(ContextualFragments.hasNonContextualDeveloperText(plain)).isTrue();
        assertThat(ContextualFragments.hasContextualDeveloperFragment(embedded)).isFalse();
        assertThat(ContextualFragments.hasContextualDeveloperFragment(mixed)).isTrue();
        assertThat(ContextualFragments.hasNonContextualDeveloperText(mixed)).isTrue();
    }

    // developer prefixes only apply to developer messages
    @Test
    void developerPrefixesDoNotApplyToOtherRoles() {
        ResponseItem userMessage = user("<collaboration_mode>plan</collaboration_mode>");

        assertThat(ContextualFragments.hasContextualDeveloperFragment(userMessage)).isFalse();
        assertThat(ContextualFragments.hasNonContextualDeveloperText(userMessage)).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(userMessage)).isTrue();
    }

    // ---- inter-agent instructions -----------------------------------------------------------------

    // spec §2.5: an assistant message whose only text part is an InterAgentCommunication is a boundary
    @Test
    void anAssistantMessageHoldingOnlyAnInterAgentCommunicationIsATurnBoundary() {
        String json = interAgentJson("continue");
        ResponseItem asOutputText = assistant(json);
        ResponseItem asInputText = new ResponseItem.Message(null, "assistant",
                List.of(new ContentItem.InputText(json)), null);

        assertThat(ContextualFragments.isUserTurnBoundary(asOutputText)).isTrue();
        assertThat(ContextualFragments.isUserTurnBoundary(asInputText)).isTrue();
    }

    // spec §2.5: other_recipients is optional; unknown members are ignored
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"author\":\"/root/worker\",\"recipient\":\"/root\",\"content\":\"done\",\"trigger_turn\":false}",
            "{\"author\":\"/root\",\"recipient\":\"/root/a\",\"other_recipients\":[\"/root/b\"],\"content\":\"x\","
                    + "\"trigger_turn\":true,\"extra\":1}",
            " \n{\"author\":\"/root\",\"recipient\":\"/root/a\",\"content\":\"x\",\"trigger_turn\":true}\n"})
    void interAgentJsonVariantsThatParse(String json) {
        assertThat(ContextualFragments.isUserTurnBoundary(assistant(json))).isTrue();
    }

    // spec §2.5: anything that does not parse as an InterAgentCommunication is an ordinary assistant message
    @ParameterizedTest
    @ValueSource(strings = {
            "author: /root\nrecipient: /root/worker\nother_recipients: []\nContent: continue",
            "{\"author\":\"/root\",\"recipient\":\"/root/a\",\"content\":\"x\"}",
            "{\"author\":\"/root\",\"recipient\":\"/root/a\",\"content\":\"x\",\"trigger_turn\":\"yes\"}",
            "{\"author\":\"/root\",\"content\":\"x\",\"trigger_turn\":true}",
            "{\"author\":1,\"recipient\":\"/root/a\",\"content\":\"x\",\"trigger_turn\":true}",
            "{\"author\":\"/root\",\"recipient\":\"/root/a\",\"other_recipients\":\"/root/b\",\"content\":\"x\","
                    + "\"trigger_turn\":true}",
            "{\"author\":\"/root\",\"recipient\":\"/root/a\",\"content\":\"x\",\"trigger_turn\":true} and more",
            "[{\"author\":\"/root\",\"recipient\":\"/root/a\",\"content\":\"x\",\"trigger_turn\":true}]",
            "{not json"})
    void assistantTextThatIsNotAnInterAgentCommunicationIsNotABoundary(String text) {
        assertThat(ContextualFragments.isUserTurnBoundary(assistant(text))).isFalse();
    }

    // spec §2.5: "exactly one" text part
    @Test
    void anInterAgentCommunicationMustBeTheOnlyPart() {
        ResponseItem twoParts = new ResponseItem.Message(null, "assistant", List.of(
                new ContentItem.OutputText(interAgentJson("continue")), new ContentItem.OutputText("more")), null);

        assertThat(ContextualFragments.isUserTurnBoundary(twoParts)).isFalse();
    }

    // spec §2.5: developer messages and non-message items are never boundaries
    @Test
    void developerMessagesAndNonMessageItemsAreNeverBoundaries() {
        assertThat(ContextualFragments.isUserTurnBoundary(developer("do things"))).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(developer(interAgentJson("continue")))).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(
                new ResponseItem.FunctionCall("shell", "{}", "call-1"))).isFalse();
        assertThat(ContextualFragments.isUserTurnBoundary(
                ResponseItem.FunctionCallOutput.text("call-1", "ok"))).isFalse();
    }
}
