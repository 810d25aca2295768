package dev.turnstile.core.protocol.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.turnstile.core.protocol.Fields;
import dev.turnstile.core.protocol.WireName;
import dev.turnstile.core.protocol.WireNames;
import java.util.List;

/**
 * Legacy sandbox policy, tagged by {@code type} in kebab-case. {@code read-only} omits
 * {@code network_access} when false; {@code workspace-write} omits {@code writable_roots} when empty.
 */
@JsonPropertyOrder({"type"})
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface SandboxPolicy permits SandboxPolicy.DangerFullAccess, SandboxPolicy.ReadOnly,
        SandboxPolicy.ExternalSandbox, SandboxPolicy.WorkspaceWrite {

    @JsonProperty("type")
    default String type() {
        return WireNames.of(getClass());
    }

    static SandboxPolicy dangerFullAccess() {
        return new DangerFullAccess();
    }

    static SandboxPolicy readOnly() {
        return new ReadOnly(false);
    }

    /** Workspace-write with no extra roots, no network, tmp dirs included (upstream's default). */
    static SandboxPolicy workspaceWrite() {
        return new WorkspaceWrite(List.of(), false, false, false);
    }

    @WireName("danger-full-access")
    record DangerFullAccess() implements SandboxPolicy {
    }

    @WireName("read-only")
    record ReadOnly(@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean networkAccess) implements SandboxPolicy {
    }

    @WireName("external-sandbox")
    record ExternalSandbox(NetworkAccess networkAccess) implements SandboxPolicy {
        public ExternalSandbox {
            networkAccess = networkAccess == null ? NetworkAccess.RESTRICTED : networkAccess;
        }
    }

    @WireName("workspace-write")
    record WorkspaceWrite(
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> writableRoots,
            boolean networkAccess,
            boolean excludeTmpdirEnvVar,
            boolean excludeSlashTmp) implements SandboxPolicy {
        public WorkspaceWrite {
            writableRoots = Fields.list(writableRoots);
        }
    }
}
