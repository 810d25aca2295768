package dev.turnstile.server.appserver.transport;

import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.Connection;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import dev.turnstile.server.appserver.rpc.RpcError;
import dev.turnstile.server.appserver.tenants.Tenant;
import dev.turnstile.server.appserver.tenants.TenantRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app-server over WebSocket (spec §4.1), on Netty's HTTP and WebSocket codecs: one JSON-RPC message per text
 * frame, {@code GET /readyz} (200 once accepting) and {@code GET /healthz} (200, or 403 when an {@code Origin}
 * header is present). The upgrade request must carry {@code Authorization: Bearer <token>} when a tenants file is
 * in use; each connection then belongs to that token's tenant and initializes on its own.
 *
 * <p>Threading: Netty's event loops do the I/O and hand each message to its connection's mailbox; nothing on an
 * event loop waits for a thread or the journal.
 */
public final class WebSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketServer.class);
    private static final AttributeKey<Tenant> TENANT = AttributeKey.valueOf("turnstile.tenant");
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf("turnstile.connection");

    /**
     * @param outboundLimitBytes bytes that may wait for one client before it is cut off
     * @param sendBufferBytes    the sockets' send buffer, or 0 for the system's default (tests make it small)
     */
    public record Options(long outboundLimitBytes, int sendBufferBytes) {
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private WebSocketServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    public static WebSocketServer start(AppServer server, TenantRegistry tenants, InetSocketAddress address,
                                        long outboundLimitBytes) throws InterruptedException {
        return start(server, tenants, address, new Options(outboundLimitBytes, 0));
    }

    public static WebSocketServer start(AppServer server, TenantRegistry tenants, InetSocketAddress address,
                                        Options options) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        int maxMessage = server.settings().maxMessageBytes();
        int maxFrame = maxFrameBytes(maxMessage);
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new HttpGate(tenants))
                                .addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/").checkStartsWith(true)
                                        .maxFramePayloadLength(maxFrame).build()))
                                .addLast(new Frames(server, options.outboundLimitBytes(), maxMessage));
                    }
                });
        if (options.sendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, options.sendBufferBytes());
        }
        try {
            Channel channel = bootstrap.bind(address).sync().channel();
            return new WebSocketServer(boss, workers, channel);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    /**
     * The largest single frame read at all: twice the message limit. A message over the limit in frames up to this
     * size is read (a fragmented one is dropped as it comes, never kept) and answered with a JSON-RPC error naming
     * the limit; a larger frame is refused by Netty's decoder, which closes the connection with status 1009 and a
     * reason that names this size — its payload is never read, so it cannot be answered.
     */
    static int maxFrameBytes(int maxMessage) {
        return (int) Math.min(Integer.MAX_VALUE - 1024L, 2L * maxMessage);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdownGracefully().syncUninterruptibly();
        boss.shutdownGracefully().syncUninterruptibly();
    }

    /** Plain HTTP: the probes, and the bearer check before a WebSocket upgrade. */
    private static final class HttpGate extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final TenantRegistry tenants;

        HttpGate(TenantRegistry tenants) {
            super(false);
            this.tenants = tenants;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            boolean upgrade = request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET,
                    true);
            if (!upgrade) {
                try {
                    switch (path) {
                        case "/readyz" -> respond(ctx, HttpResponseStatus.OK, "ready\n");
                        case "/healthz" -> respond(ctx, request.headers().contains(HttpHeaderNames.ORIGIN)
                                ? HttpResponseStatus.FORBIDDEN : HttpResponseStatus.OK,
                                request.headers().contains(HttpHeaderNames.ORIGIN)
                                        ? "requests with an Origin header are refused\n" : "ok\n");
                        default -> respond(ctx, HttpResponseStatus.NOT_FOUND, "not found: " + path
                                + " (use a WebSocket upgrade, GET /readyz or GET /healthz)\n");
                    }
                } finally {
                    request.release();
                }
                return;
            }
            Optional<Tenant> tenant = tenants.authenticate(bearer(request));
            if (tenant.isEmpty()) {
                request.release();
                FullHttpResponse response = response(HttpResponseStatus.UNAUTHORIZED,
                        "a valid 'Authorization: Bearer <token>' header is required\n");
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.channel().attr(TENANT).set(tenant.get());
            ctx.fireChannelRead(request);
        }

        private static String bearer(FullHttpRequest request) {
            String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            return header.substring(7).strip();
        }

        private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            ctx.writeAndFlush(response(status, body)).addListener(ChannelFutureListener.CLOSE);
        }

        private static FullHttpResponse response(HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            return response;
        }
    }

    /**
     * WebSocket frames to and from the connection: a message is one text frame, or a text frame and its
     * continuations, assembled here within the server's message limit. A message over the limit is not kept: it is
     * answered with {@code -32600} naming the limit (and its request id when its first part says it), and the
     * connection goes on, as stdio does with an oversized line.
     *
     * <p>Threading: one instance per channel, used on its event loop only.
     */
    private static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        /** How much of an oversized fragmented message is kept to find its request id. */
        private static final int HEAD_BYTES = 64 * 1024;

        private final AppServer server;
        private final long outboundLimitBytes;
        private final int maxMessage;
        private CompositeByteBuf assembling;
        private boolean text;
        private long messageBytes;
        private String oversizedHead;

        Frames(AppServer server, long outboundLimitBytes, int maxMessage) {
            this.server = server;
            this.outboundLimitBytes = outboundLimitBytes;
            this.maxMessage = maxMessage;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                Tenant tenant = ctx.channel().attr(TENANT).get();
                Connection connection = server.connect(tenant == null ? Tenant.local() : tenant,
                        new WebSocketOutbound(ctx.channel(), outboundLimitBytes));
                ctx.channel().attr(CONNECTION).set(connection);
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            Connection connection = ctx.channel().attr(CONNECTION).get();
            if (connection == null) {
                return;
            }
            ByteBuf content = frame.content();
            if (frame instanceof TextWebSocketFrame && frame.isFinalFragment()
                    && content.readableBytes() <= maxMessage) {
                discardAssembling();
                oversizedHead = null;
                connection.receive(content.toString(StandardCharsets.UTF_8)); // the usual case: one whole frame
                return;
            }
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                discardAssembling(); // the decoder refuses a new message inside a fragmented one; never kept twice
                text = frame instanceof TextWebSocketFrame;
                messageBytes = 0;
                oversizedHead = null;
                assembling = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            } else if (!(frame instanceof ContinuationWebSocketFrame) || assembling == null && oversizedHead == null) {
                return;
            }
            messageBytes += content.readableBytes();
            if (oversizedHead == null && messageBytes > maxMessage) {
                // Over the limit: keep only the start (for the request id) and drop the rest as it comes. A single
                // frame is here whole anyway, so its id is looked for in all of it.
                ByteBuf kept = assembling;
                if (frame.isFinalFragment() && kept.readableBytes() == 0) {
                    oversizedHead = content.toString(StandardCharsets.UTF_8);
                } else {
                    int fromKept = Math.min(kept.readableBytes(), HEAD_BYTES);
                    int fromFrame = Math.min(content.readableBytes(), HEAD_BYTES - fromKept);
                    oversizedHead = kept.toString(kept.readerIndex(), fromKept, StandardCharsets.UTF_8)
                            + content.toString(content.readerIndex(), fromFrame, StandardCharsets.UTF_8);
                }
                discardAssembling();
            } else if (oversizedHead == null) {
                assembling.addComponent(true, content.retain());
            }
            if (frame.isFinalFragment()) {
                finish(connection);
            }
        }

        private void finish(Connection connection) {
            if (!text) {
                connection.refuse(RpcError.invalidRequest("Invalid request: binary frames are not supported; send "
                        + "each JSON-RPC message as one text frame"));
            } else if (oversizedHead != null) {
                connection.refuse(MessageCodec.peekId(oversizedHead), RpcError.invalidRequest("Invalid request: the "
                        + "message is " + messageBytes + " bytes long; the limit is " + maxMessage + " bytes"));
            } else {
                connection.receive(assembling.toString(StandardCharsets.UTF_8));
            }
            discardAssembling();
            oversizedHead = null;
        }

        private void discardAssembling() {
            if (assembling != null) {
                assembling.release();
                assembling = null;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            discardAssembling();
            Connection connection = ctx.channel().attr(CONNECTION).get();
            if (connection != null) {
                connection.transportClosed();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("websocket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
