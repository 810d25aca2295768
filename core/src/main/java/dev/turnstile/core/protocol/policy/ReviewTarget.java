package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;

/** What a review looks at; tagged by {@code type} in camelCase. */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface ReviewTarget permits ReviewTarget.UncommittedChanges, ReviewTarget.BaseBranch,
        ReviewTarget.Commit, ReviewTarget.Custom {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    /** Staged, unstaged and untracked changes of the working tree. */
    @WireName("uncommittedChanges")
    record UncommittedChanges() implements ReviewTarget {
    }

    /** Changes between the current branch and {@code branch}. */
    @WireName("baseBranch")
    record BaseBranch(String branch) implements ReviewTarget {
        public BaseBranch {
            Fields.required(branch, "branch");
        }
    }

    /** One commit; {@code title} is always written (null when unknown). */
    @WireName("commit")
    record Commit(String sha, @JsonInclude(JsonInclude.Include.ALWAYS) String title) implements ReviewTarget {
        public Commit {
            Fields.required(sha, "sha");
        }
    }

    /** Free-form review instructions. */
    @WireName("custom")
    record Custom(String instructions) implements ReviewTarget {
        public Custom {
            Fields.required(instructions, "instructions");
        }
    }
}
