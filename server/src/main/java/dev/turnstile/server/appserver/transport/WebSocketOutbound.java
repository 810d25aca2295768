package dev.turnstile.server.appserver.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket client's outbound buffer: one text frame per message, written through Netty (never blocking the
 * sender), with a bound on the bytes not yet handed to the socket.
 *
 * <p>What is bounded is the backlog <em>besides the largest message in it</em>: a client is cut off once more than
 * the bound waits on top of that one message. So a single answer larger than the bound (a resumed thread's history
 * of several MB) goes out to a client that reads, with the notifications that follow it; a client that stops reading
 * is cut off when the bound fills, so it never slows the server or anyone else, and holds at most the bound plus one
 * message of memory. Sizes are UTF-8 bytes, as they go on the wire.
 *
 * <p>Threading: {@link #send} and {@link #close} from any thread; the accounting below is confined to the channel's
 * event loop, where writes are queued and completed in order.
 */
final class WebSocketOutbound implements Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketOutbound.class);
    private final Channel channel;
    private final long limitBytes;
    private final AtomicBoolean closed = new AtomicBoolean();

    // ---- event-loop confined -------------------------------------------------------------------
    /** Messages written and not yet sent, oldest first: {sequence, bytes}. */
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
    /** The messages of {@link #inFlight} that no later message outweighs (a sliding maximum), oldest first. */
    private final ArrayDeque<long[]> largest = new ArrayDeque<>();
    private long inFlightBytes;
    private long sequence;

    WebSocketOutbound(Channel channel, long limitBytes) {
        this.channel = channel;
        this.limitBytes = limitBytes;
    }

    @Override
    public boolean send(String json) {
        if (closed.get() || !channel.isActive()) {
            return false;
        }
        ByteBuf payload = ByteBufUtil.writeUtf8(channel.alloc(), json);
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            write(payload);
        } else {
            loop.execute(() -> write(payload));
        }
        return true;
    }

    /** On the event loop: account for the message, cut the client off if it is too far behind, else write. */
    private void write(ByteBuf payload) {
        if (closed.get() || !channel.isActive()) {
            payload.release();
            return;
        }
        long[] message = {sequence++, payload.readableBytes()};
        inFlight.addLast(message);
        inFlightBytes += message[1];
        while (!largest.isEmpty() && largest.peekLast()[1] <= message[1]) {
            largest.pollLast();
        }
        largest.addLast(message);
        long besidesLargest = inFlightBytes - largest.peekFirst()[1];
        if (besidesLargest > limitBytes) {
            payload.release();
            close("the client did not read its messages: more than " + limitBytes + " bytes waited besides the "
                    + "largest message (" + largest.peekFirst()[1] + " bytes)");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(payload)).addListener(done -> written(message));
    }

    /** On the event loop: a message left (sent, or failed because the channel closed); writes complete in order. */
    private void written(long[] message) {
        if (inFlight.peekFirst() != message) {
            return; // cannot happen: a channel completes its writes in order
        }
        inFlight.pollFirst();
        inFlightBytes -= message[1];
        if (largest.peekFirst() == message) {
            largest.pollFirst(); // else a later, larger message had already taken its place
        }
    }

    @Override
    public void close(String reason) {
        if (closed.compareAndSet(false, true)) {
            LOG.info("{}: closed ({})", describe(), reason);
            channel.close();
        }
    }

    @Override
    public String describe() {
        return "websocket " + channel.remoteAddress();
    }
}
