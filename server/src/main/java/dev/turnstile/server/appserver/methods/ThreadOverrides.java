package dev.turnstile.server.appserver.methods;

import dev.turnstile.core.host.TurnPermissionOverrides;
import dev.turnstile.core.host.TurnstileHost;
import dev.turnstile.core.permissions.model.PermissionException;
import dev.turnstile.core.protocol.Submission;
import dev.turnstile.core.protocol.codec.ProtocolCodec;
import dev.turnstile.core.protocol.op.Op;
import dev.turnstile.core.protocol.policy.ActivePermissionProfile;
import dev.turnstile.core.protocol.policy.ApprovalsReviewer;
import dev.turnstile.core.protocol.policy.AskForApproval;
import dev.turnstile.core.protocol.policy.Personality;
import dev.turnstile.core.protocol.policy.SandboxPolicy;
import dev.turnstile.core.session.SessionConfiguration;
import dev.turnstile.core.session.SettingsRejectedException;
import dev.turnstile.core.session.SettingsUpdate;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The settings a {@code thread/start}, {@code thread/resume} or {@code thread/fork} request overrides (spec §4.4,
 * §3.4): {@code cwd}, {@code model}, {@code serviceTier}, {@code approvalPolicy}, {@code approvalsReviewer},
 * {@code sandbox}, {@code personality}, and behind {@code experimentalApi} {@code runtimeWorkspaceRoots} and
 * {@code permissions}. Checked when the request is read, so a bad value is refused before anything changes.
 *
 * <p>A new thread gets them in its configuration ({@link #configuration}). A resumed or forked thread is rebuilt
 * with its own stored settings first, so they are applied on top of those ({@link #settingsOp}).
 */
final class ThreadOverrides {
    static final Set<String> EXPERIMENTAL_FIELDS = Set.of("runtimeWorkspaceRoots", "permissions", "environments",
            "dynamicTools", "experimentalRawEvents", "history", "path");
    private static final ProtocolCodec CODEC = ProtocolCodec.shared();

    private final String cwd;
    private final List<String> runtimeWorkspaceRoots;
    private final PermissionsParam permissions;
    private final AskForApproval approvalPolicy;
    private final ApprovalsReviewer approvalsReviewer;
    private final String sandboxMode;
    private final SandboxPolicy sandbox;
    private final String model;
    private final String serviceTier;
    private final Personality personality;

    private ThreadOverrides(Params params, Path processDirectory) {
        this.cwd = absoluteCwd(params.optionalString("cwd"), processDirectory);
        this.runtimeWorkspaceRoots = params.optionalStrings("runtimeWorkspaceRoots");
        this.permissions = PermissionsParam.of(params);
        this.approvalPolicy = decode(params, "approvalPolicy", AskForApproval.class);
        this.approvalsReviewer = decode(params, "approvalsReviewer", ApprovalsReviewer.class);
        this.sandboxMode = params.optionalString("sandbox");
        this.sandbox = sandbox(sandboxMode);
        this.model = params.optionalString("model");
        this.serviceTier = params.optionalString("serviceTier");
        this.personality = decode(params, "personality", Personality.class);
    }

    /**
     * Reads a thread method's overrides.
     *
     * @throws RpcException for an experimental field without the capability, {@code permissions} with
     *                      {@code sandbox}, or a value of the wrong shape
     */
    static ThreadOverrides read(String method, Params params, boolean experimental, Path processDirectory) {
        TurnInputs.checkExperimental(method, params, EXPERIMENTAL_FIELDS, experimental);
        if (params.has("permissions") && params.has("sandbox")) {
            throw RpcException.invalidRequest("`permissions` cannot be combined with `sandbox`");
        }
        return new ThreadOverrides(params, processDirectory);
    }

    boolean isEmpty() {
        return cwd == null && runtimeWorkspaceRoots == null && permissions == null && approvalPolicy == null
                && approvalsReviewer == null && sandbox == null && model == null && serviceTier == null
                && personality == null;
    }

    // ---- thread/start --------------------------------------------------------------------------

    /** A new thread's settings: the host's defaults for its cwd and permissions, then the other overrides. */
    SessionConfiguration configuration(TurnstileHost host, Path processDirectory) {
        String threadCwd = cwd != null ? cwd : processDirectory.toAbsolutePath().normalize().toString();
        List<String> roots = PermissionsParam.runtimeRoots(runtimeWorkspaceRoots, permissions,
                () -> List.of(threadCwd));
        SessionConfiguration base;
        try {
            base = host.configurationFor(threadCwd, roots, PermissionsParam.idOf(permissions));
        } catch (PermissionException e) {
            throw invalidPermissions(e);
        }
        SettingsUpdate rest = new SettingsUpdate(null, null, null, approvalPolicy, approvalsReviewer, sandbox, null,
                null, null, model, null, null, serviceTier, null, personality, null, null);
        try {
            return rest.applyTo(base, processDirectory);
        } catch (SettingsRejectedException e) {
            throw RpcException.invalidRequest("invalid thread settings: " + e.getMessage());
        }
    }

    // ---- thread/resume, thread/fork --------------------------------------------------------------

    /**
     * Checks what can be checked before the thread is loaded (a profile id that names nothing, a root that leads
     * out of the cwd), with the cwd the thread is expected to have.
     */
    void check(TurnstileHost host, String expectedCwd) {
        permissionOverrides(host, expectedCwd);
    }

    /**
     * The op that applies these overrides to a loaded thread whose settings are {@code current}, or null when there
     * is nothing to apply. It is a {@code user_input_with_turn_context} without input: the core applies its settings
     * (they persist, spec §1.3) and then answers {@code input must not be empty} instead of starting a turn — so it
     * changes the settings only. (The core's {@code override_turn_context} carries no runtime roots or profile id.)
     *
     * @throws RpcException when the core would refuse the settings (checked here first, as turn/start does)
     */
    Submission settingsOp(TurnstileHost host, SessionConfiguration current, Path processDirectory) {
        if (isEmpty()) {
            return null;
        }
        TurnPermissionOverrides chosen = permissionOverrides(host, current.cwd());
        Op.UserInputWithTurnContext op = new Op.UserInputWithTurnContext(List.of(), null, null, null, cwd,
                chosen.workspaceRoots(), chosen.profileWorkspaceRoots(), approvalPolicy, approvalsReviewer, sandbox,
                chosen.permissionProfile(), chosen.activePermissionProfile(), null, model, null, null, serviceTier,
                null, personality);
        try {
            SettingsUpdate.of(op).applyTo(current, processDirectory);
        } catch (SettingsRejectedException e) {
            throw RpcException.invalidRequest("invalid thread settings: " + e.getMessage());
        }
        return new Submission(host.newThreadId(), op);
    }

    private TurnPermissionOverrides permissionOverrides(TurnstileHost host, String threadCwd) {
        if (runtimeWorkspaceRoots == null && permissions == null) {
            return TurnPermissionOverrides.NONE;
        }
        String base = cwd != null ? cwd : threadCwd;
        List<String> roots = PermissionsParam.runtimeRoots(runtimeWorkspaceRoots, permissions, () -> List.of(base));
        try {
            return host.turnPermissionOverrides(threadCwd, cwd, roots, PermissionsParam.idOf(permissions));
        } catch (PermissionException e) {
            throw invalidPermissions(e);
        }
    }

    /** Names what was asked for: the core's message may speak of {@code default_permissions} for a request's id. */
    private RpcException invalidPermissions(PermissionException e) {
        String asked = permissions != null ? "permissions `" + permissions.id() + "`"
                : runtimeWorkspaceRoots != null ? "runtimeWorkspaceRoots " + runtimeWorkspaceRoots : "permissions";
        return RpcException.invalidRequest("invalid " + asked + ": " + e.getMessage());
    }

    /**
     * What a resume of an already loaded thread asked for and did not get: the loaded thread keeps its settings
     * (spec §3.4, upstream's {@code collect_resume_override_mismatches}). Empty when everything matches.
     */
    List<String> mismatches(TurnstileHost host, SessionConfiguration active) {
        List<String> out = new ArrayList<>();
        mismatch(out, "cwd", cwd, active.cwd());
        mismatch(out, "model", model, active.model());
        mismatch(out, "service_tier", serviceTier, active.serviceTier());
        mismatch(out, "approval_policy", json(approvalPolicy), json(active.approvalPolicy()));
        mismatch(out, "approvals_reviewer", json(approvalsReviewer), json(active.approvalsReviewer()));
        mismatch(out, "personality", json(personality), json(active.personality()));
        if (sandbox != null && !sandbox.equals(active.sandboxPolicy())) {
            out.add("sandbox requested=" + sandboxMode + " active=" + json(active.sandboxPolicy()));
        }
        if (runtimeWorkspaceRoots != null || permissions != null && !permissions.additionalWritableRoots().isEmpty()) {
            List<String> requested;
            try {
                requested = permissionOverrides(host, active.cwd()).workspaceRoots();
            } catch (RpcException e) {
                requested = runtimeWorkspaceRoots;
            }
            if (requested != null && !requested.equals(active.workspaceRoots())) {
                out.add("runtime_workspace_roots requested=" + requested + " active=" + active.workspaceRoots());
            }
        }
        if (permissions != null) {
            ActivePermissionProfile activeProfile = active.activePermissionProfile();
            String activeId = activeProfile == null ? null : activeProfile.id();
            if (!permissions.id().equals(activeId)) {
                out.add("permissions requested=" + permissions.id() + " active=" + activeId);
            }
        }
        return out;
    }

    private static void mismatch(List<String> out, String name, String requested, String active) {
        if (requested != null && !Objects.equals(requested, active)) {
            out.add(name + " requested=" + requested + " active=" + active);
        }
    }

    private static String json(Object value) {
        return value == null ? null : CODEC.toTree(value).toString();
    }

    // ---- parsing --------------------------------------------------------------------------------

    private static String absoluteCwd(String cwd, Path processDirectory) {
        if (cwd == null) {
            return null;
        }
        if (cwd.isBlank()) {
            throw RpcException.invalidRequest("Invalid request: `cwd` must not be empty");
        }
        try {
            return processDirectory.toAbsolutePath().resolve(cwd).normalize().toString();
        } catch (InvalidPathException e) {
            throw RpcException.invalidRequest("Invalid request: `cwd` is not a valid path: " + e.getReason());
        }
    }

    static SandboxPolicy sandbox(String mode) {
        if (mode == null) {
            return null;
        }
        return switch (mode) {
            case "read-only" -> SandboxPolicy.readOnly();
            case "workspace-write" -> SandboxPolicy.workspaceWrite();
            case "danger-full-access" -> SandboxPolicy.dangerFullAccess();
            default -> throw RpcException.invalidRequest("Invalid request: unknown variant `" + mode
                    + "`, expected one of `read-only`, `workspace-write`, `danger-full-access` at `sandbox`");
        };
    }

    static <T> T decode(Params params, String field, Class<T> type) {
        var value = params.get(field);
        if (value == null) {
            return null;
        }
        try {
            return CODEC.fromTree(value, type);
        } catch (RuntimeException e) {
            throw RpcException.invalidRequest("Invalid request: " + field + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("")));
        }
    }
}
