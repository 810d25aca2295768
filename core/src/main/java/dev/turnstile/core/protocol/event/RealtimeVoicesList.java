package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.turnstile.core.protocol.Fields;
import java.util.List;

/**
 * The realtime voices, camelCase on the wire as upstream's {@code RealtimeVoicesList} is
 * ({@code {"v1", "v2", "defaultV1", "defaultV2"}}).
 */
public record RealtimeVoicesList(List<String> v1, List<String> v2, @JsonProperty("defaultV1") String defaultV1,
        @JsonProperty("defaultV2") String defaultV2) {
    public RealtimeVoicesList {
        v1 = Fields.list(v1);
        v2 = Fields.list(v2);
    }

    /** The built-in list the core answers {@code realtime_conversation_list_voices} with. */
    public static RealtimeVoicesList builtin() {
        return new RealtimeVoicesList(
                List.of("juniper", "maple", "spruce", "ember", "vale", "breeze", "arbor", "sol", "cove"),
                List.of("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"),
                "cove", "marin");
    }
}
