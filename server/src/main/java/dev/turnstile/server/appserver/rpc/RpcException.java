package dev.turnstile.server.appserver.rpc;

/** Thrown by a method handler to answer its request with a JSON-RPC error; nothing was changed. */
public final class RpcException extends RuntimeException {
    private final RpcError error;

    public RpcException(RpcError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public static RpcException invalidRequest(String message) {
        return new RpcException(RpcError.invalidRequest(message));
    }

    public RpcError error() {
        return error;
    }
}
