package dev.turnstile.server.appserver.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client's outbound buffer: one text frame per message, written through Netty (never blocking the
 * sender), with a bound on the bytes not yet handed to the socket. A client that stops reading lets that number
 * grow; when it passes the bound the connection is closed at once, so it never slows the server or anyone else.
 */
final class WebSocketOutbound implements Outbound {
    private final Channel channel;
    private final long limitBytes;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    WebSocketOutbound(Channel channel, long limitBytes) {
        this.channel = channel;
        this.limitBytes = limitBytes;
    }

    @Override
    public boolean send(String json) {
        if (closed.get() || !channel.isActive()) {
            return false;
        }
        long bytes = json.length();
        long before = pendingBytes.getAndAdd(bytes);
        // The backlog is what is bounded: a client is cut off once more than the bound already waits, so one large
        // answer (a resumed thread's history) still goes out to a client that reads.
        if (before > limitBytes) {
            pendingBytes.addAndGet(-bytes);
            close("the client did not read its messages: more than " + limitBytes + " bytes waited");
            return false;
        }
        channel.writeAndFlush(new TextWebSocketFrame(json)).addListener(done -> pendingBytes.addAndGet(-bytes));
        return true;
    }

    @Override
    public void close(String reason) {
        if (closed.compareAndSet(false, true)) {
            channel.close();
        }
    }

    @Override
    public String describe() {
        return "websocket " + channel.remoteAddress();
    }
}
