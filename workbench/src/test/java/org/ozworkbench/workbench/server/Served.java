package org.ozworkbench.workbench.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ozworkbench.fixtures.TestImages;

/** A real {@code ozw serve} on Scratch.image on a free loopback port, and a real HTTP client for it. */
final class Served implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final WorkbenchServer server;
    final Path journal;
    final String spaceId;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Served(Path dir) throws Exception {
        this.journal = dir.resolve("journal");
        this.server = WorkbenchServer.start(List.of(new WorkbenchServer.SpaceSource(scratch(), journal)),
                new WorkbenchServer.Options("127.0.0.1", 0, TOKEN, dir.resolve("out"), false));
        this.spaceId = server.spaces().keySet().iterator().next();
        java.nio.file.Files.createDirectories(dir.resolve("out"));
    }

    static Path scratch() {
        return TestImages.scratchImage();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The URL of a route of the space: {@code space("/classes/Point")}. */
    String space(String route) {
        return base() + "/api/spaces/" + spaceId + route;
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    HttpResponse<String> post(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** The committed surgeries the journal lists. */
    int committed() {
        return json(get(space("/journal"))).get("committed").asInt();
    }

    /**
     * Sends {@code request} (whole, as written: request line and headers) over a plain socket, for
     * what java.net.http does not let a client send (another Host, an unnormalized path); answers
     * the status code.
     */
    int raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return Integer.parseInt(parts[1]);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
