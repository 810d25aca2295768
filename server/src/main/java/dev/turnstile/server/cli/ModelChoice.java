package dev.turnstile.server.cli;

import dev.turnstile.core.turn.model.ModelClient;
import dev.turnstile.core.turn.model.ModelClients;

/**
 * The model a command runs with, kept together with how the user spelled it, so reports can name it.
 *
 * @param spec   the {@code --model} value as given ({@code echo} when none was)
 * @param client the model client built from it
 */
public record ModelChoice(String spec, ModelClient client) {

    /** The built-in echo script: the default, needs no file and no network. */
    public static ModelChoice echo() {
        return of("echo");
    }

    /** @throws dev.turnstile.core.turn.model.ModelScriptException when the spec is unknown or the script unusable */
    public static ModelChoice of(String spec) {
        return new ModelChoice(spec, ModelClients.fromSpec(spec));
    }

    /** The spec in words, e.g. {@code echo (built-in script)}. */
    public String describe() {
        return spec.equals("echo") || spec.equals("scripted") || spec.isBlank() ? "echo (built-in script)" : spec;
    }

    @Override
    public String toString() {
        return spec;
    }
}
