package dev.turnstile.core.turn.model;

import java.nio.file.Path;

/** Builds a {@link ModelClient} from its command-line spelling. */
public final class ModelClients {
    private ModelClients() {
    }

    /**
     * {@code scripted:FILE} (a JSONL model script) or {@code echo} (the built-in script that echoes the input,
     * also used when nothing is given).
     *
     * @throws ModelScriptException when the spelling is unknown or the script cannot be used
     */
    public static ModelClient fromSpec(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("echo") || spec.equals("scripted")) {
            return new ScriptedModel(ModelScript.echo());
        }
        if (spec.startsWith("scripted:")) {
            String file = spec.substring("scripted:".length());
            if (file.isBlank()) {
                throw new ModelScriptException("--model scripted:FILE needs a file name");
            }
            return new ScriptedModel(ModelScript.load(Path.of(file)));
        }
        throw new ModelScriptException("unknown model '" + spec + "': use scripted:FILE (a JSONL model script) or echo");
    }
}
