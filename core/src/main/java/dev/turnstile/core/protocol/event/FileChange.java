package dev.turnstile.core.protocol.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;

/** One file's change in a patch (tag {@code type}); {@code update.move_path} is always written. */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface FileChange permits FileChange.Add, FileChange.Delete, FileChange.Update {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    @WireName("add")
    record Add(String content) implements FileChange {
        public Add {
            Fields.required(content, "content");
        }
    }

    @WireName("delete")
    record Delete(String content) implements FileChange {
        public Delete {
            Fields.required(content, "content");
        }
    }

    @WireName("update")
    record Update(String unifiedDiff, @JsonInclude(JsonInclude.Include.ALWAYS) String movePath) implements FileChange {
        public Update {
            Fields.required(unifiedDiff, "unified_diff");
        }
    }
}
