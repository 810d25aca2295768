package dev.turnstile.core.turn;

import dev.turnstile.core.turn.tool.ToolCall;

/**
 * A tool call of the running turn that has not produced its output yet.
 *
 * <p>Threading: part of the session's state, touched by its dispatch thread only.
 */
public final class PendingCall {
    /** Where the call stands. */
    public enum Stage {
        /** Waiting for the user's approval (exec or patch). */
        AWAITING_APPROVAL,
        /** Waiting for the client's answer (user input, permissions, a dynamic tool). */
        AWAITING_CLIENT,
        /** Running off the dispatch thread; a ToolCompleted command will report it. */
        RUNNING
    }

    private final ToolCall call;
    private final boolean userShell;
    private Stage stage;

    public PendingCall(ToolCall call, Stage stage, boolean userShell) {
        this.call = call;
        this.stage = stage;
        this.userShell = userShell;
    }

    public ToolCall call() {
        return call;
    }

    public String callId() {
        return call.callId();
    }

    public Stage stage() {
        return stage;
    }

    public void moveTo(Stage next) {
        this.stage = next;
    }

    /** A command the user ran with {@code run_user_shell_command}, not a model tool call. */
    public boolean userShell() {
        return userShell;
    }
}
