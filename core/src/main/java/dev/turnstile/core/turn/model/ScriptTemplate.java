package dev.turnstile.core.turn.model;

/**
 * Placeholders a model script may use in its texts:
 * {@code {{input}}} (the newest user message), {@code {{tool_output}}} (the output of the tool call the step
 * follows, or ""), {@code {{turn}}} (the turn id), {@code {{step}}} (the thread's sampling index).
 */
final class ScriptTemplate {
    private ScriptTemplate() {
    }

    static String render(String template, ModelRequest request) {
        if (template == null || template.indexOf("{{") < 0) {
            return template;
        }
        return template
                .replace("{{input}}", request.lastUserText())
                .replace("{{tool_output}}", request.lastToolOutput() == null ? "" : request.lastToolOutput())
                .replace("{{turn}}", request.turnId())
                .replace("{{step}}", Long.toString(request.samplingIndex()));
    }
}
