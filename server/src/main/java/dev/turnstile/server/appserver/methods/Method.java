package dev.turnstile.server.appserver.methods;

/** A JSON-RPC method of the app-server. Runs on the calling connection's mailbox. */
@FunctionalInterface
public interface Method {
    void handle(Call call);
}
