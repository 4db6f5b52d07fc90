package dev.warcorn.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * What {@link Http} does not do, with the JDK's own client: requests with BASIC credentials, and a
 * websocket round trip.
 */
final class WebClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private WebClient() {
    }

    /** {@code GET path} with {@code Authorization: Basic user:password}. */
    static Http.Response get(int port, String path, String user, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + credentials).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Http.Response(response.statusCode(), response.body());
    }

    /** Opens {@code ws://127.0.0.1:port/path}, sends {@code message}, returns the first text reply, closes. */
    static String echo(int port, String path, String message) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = CLIENT.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) reply.complete(text.toString());
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        reply.completeExceptionally(error);
                    }
                }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ws.sendText(message, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
