package org.ozworkbench.workbench.server;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the event-bus bridge over its raw WebSocket ({@code /eventbus/websocket}), speaking
 * the bridge's JSON frames as vertx-eventbus.js does: register, send, publish; rec and err back. It
 * pings as vertx-eventbus.js does, or the bridge closes the socket after 10 s.
 */
final class BridgeClient implements AutoCloseable {
    private static final long PING_MILLIS = 2000;

    private final WebSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor();

    BridgeClient(int port) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/eventbus/websocket"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();
                    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] chunk = new byte[data.remaining()];
                        data.get(chunk);
                        bytes.writeBytes(chunk);
                        if (last) {
                            frames.add(new JsonObject(bytes.toString(StandardCharsets.UTF_8)));
                            bytes.reset();
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(new JsonObject(text.toString()));
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        pings.scheduleAtFixedRate(() -> socket.sendText("{\"type\": \"ping\"}", true), PING_MILLIS, PING_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Sends a frame; {@code token} null sends it without the Authorization header. */
    void frame(String type, String address, String token, JsonObject body) {
        JsonObject frame = new JsonObject().put("type", type).put("address", address);
        if (token != null) {
            frame.put("headers", new JsonObject().put("Authorization", "Bearer " + token));
        }
        if (body != null) {
            frame.put("body", body);
        }
        socket.sendText(frame.encode(), true).join();
    }

    /** The next frame within {@code millis}, or null. */
    JsonObject next(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The type of the next frame within {@code millis} ({@code rec}, {@code err}), or null. */
    String nextType(long millis) throws InterruptedException {
        JsonObject frame = next(millis);
        return frame == null ? null : frame.getString("type");
    }

    @Override
    public void close() {
        pings.shutdownNow();
        socket.abort();
    }
}
