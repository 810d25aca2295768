package dev.turnstile.core.protocol.policy;

/**
 * The body of {@code {"granular": {...}}}: which approval flows may prompt ({@code true}) and which are
 * rejected automatically ({@code false}). {@code skill_approval} and {@code request_permissions} default to
 * false when absent.
 */
public record GranularApprovalConfig(
        boolean sandboxApproval, boolean rules, boolean skillApproval, boolean requestPermissions,
        boolean mcpElicitations) {
}
