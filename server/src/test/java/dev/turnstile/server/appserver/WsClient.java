package dev.turnstile.server.appserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * An {@link RpcClient} over a real WebSocket connection (the JDK's {@link WebSocket}). A client built with
 * {@code reading = false} takes one message and then stops asking for more, as a client that does not read.
 */
final class WsClient extends RpcClient {
    private final WebSocket socket;
    private volatile boolean reading;
    private volatile String closed;

    private WsClient(URI uri, String token, boolean reading) throws Exception {
        this.reading = reading;
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(WAIT_SECONDS));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        socket = builder.buildAsync(uri, new Listener()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static WsClient connect(URI uri, String token) throws Exception {
        return new WsClient(uri, token, true);
    }

    /** Reads until told {@link #stopReading}: then the server's messages pile up. */
    static WsClient slow(URI uri, String token) throws Exception {
        return new WsClient(uri, token, true);
    }

    void stopReading() {
        reading = false;
    }

    @Override
    void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends one message as several frames of at most {@code chunk} characters (a text frame and continuations). */
    void sendFragments(String text, int chunk) {
        for (int start = 0; start < text.length(); start += chunk) {
            int end = Math.min(text.length(), start + chunk);
            socket.sendText(text.substring(start, end), end == text.length()).join();
        }
    }

    @Override
    String state() {
        return closed == null ? "open" : closed;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(partial.toString());
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = "closed by the server: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = "failed: " + error;
        }
    }
}
