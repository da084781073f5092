package org.ozworkbench.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ChildJvm;
import org.ozworkbench.workbench.Ozw;
import picocli.CommandLine;

/**
 * {@code ozw serve} and {@code ozw surgery} writing one journal in two processes, taking turns: a
 * surgery the command commits shows up in the served space and on the bridge once, and the
 * server's own surgeries commit on top of it; the journal then replays to the very bytes the
 * server saves.
 */
class SharedJournalTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{48})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 3;
    private static final long SHOWS_UP_MILLIS = 5000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSurgeryOfAnotherProcessShowsUpLiveAndTheServerCommitsOnTopOfIt() throws Exception {
        Path journal = dir.resolve("j");
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> cmd = ChildJvm.command(Ozw.class, "1g", List.of("serve", Served.scratch().toString(), "--port", "0",
                "--journal", journal.toString(), "--out-dir", out.toString()));
        Process server = new ProcessBuilder(cmd).redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            Matcher url = URL.matcher(first == null ? "" : first);
            assertThat(url.matches()).as(first + " " + Files.readString(dir.resolve("serve.err"))).isTrue();
            Api api = new Api(Integer.parseInt(url.group(1)), url.group(2));
            String spaceId = JSON.readTree(api.get("/api/spaces").body()).get(0).get("id").asText();
            String space = "/api/spaces/" + spaceId;
            assertThat(committed(api, space)).as("kept until the space changes").isZero();
            List<String> committed = new ArrayList<>();
            try (BridgeClient bridge = new BridgeClient(api.port)) {
                bridge.frame("register", "ozw.space." + spaceId + ".surgeries", api.token, null);
                for (int round = 1; round <= ROUNDS; round++) {
                    String cliMethod = "ozwCli" + round;
                    Path batch = Files.writeString(dir.resolve(cliMethod + ".json"), "{\"label\": \"" + cliMethod
                            + "\", \"steps\": [{\"op\": \"compile\", \"class\": \"Point\", \"source\": \"" + cliMethod
                            + " ^ " + round + "\"}]}");
                    committed.add(ozwSurgery(journal, batch, dir.resolve(cliMethod + ".image")));
                    if (round == 1) { // the served space catches up without a request of its own, and drops what it kept
                        long until = System.currentTimeMillis() + SHOWS_UP_MILLIS;
                        while (committed(api, space) != 1 && System.currentTimeMillis() < until) {
                            Thread.sleep(20);
                        }
                        assertThat(committed(api, space)).isEqualTo(1);
                        assertThat(api.get(space + "/classes/Point/methods/" + cliMethod).statusCode())
                                .as(cliMethod + " in the served space").isEqualTo(200);
                    }
                    String apiMethod = "ozwApi" + round; // right after the command: the server catches up first
                    HttpResponse<String> applied = api.post(space + "/surgeries", "{\"label\": \"" + apiMethod
                            + "\", \"steps\": [{\"op\": \"compile\", \"class\": \"Point\", \"source\": \"" + apiMethod
                            + " ^ self " + cliMethod + "\"}]}");
                    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
                    committed.add(JSON.readTree(applied.body()).get("id").asText());
                }
                assertThat(committed(api, space)).isEqualTo(2 * ROUNDS);
                assertThat(JSON.readTree(api.get(space + "/classes/Point/methods/ozwCli" + ROUNDS).body())
                        .get("source").asText()).contains("^ " + ROUNDS);
                List<String> heard = new ArrayList<>();
                for (JsonObject frame = bridge.next(SHOWS_UP_MILLIS); frame != null;
                     frame = bridge.next(heard.size() < committed.size() ? SHOWS_UP_MILLIS : 300)) {
                    JsonObject event = frame.getJsonObject("body");
                    if (event != null && "SurgeryCommitted".equals(event.getString("type"))) {
                        heard.add(event.getString("surgeryId"));
                    }
                }
                assertThat(heard).as("each commit once, in order").containsExactlyElementsOf(committed);
            }
            HttpResponse<String> saved = api.post(space + "/save", "{\"name\": \"served.image\"}");
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Path replayed = dir.resolve("replayed.image");
        StringWriter err = new StringWriter();
        CommandLine ozw = new CommandLine(new Ozw());
        ozw.setErr(new PrintWriter(err, true));
        ozw.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(ozw.execute("replay", Served.scratch().toString(), "--journal", journal.toString(),
                "--out", replayed.toString())).as(err.toString()).isZero();
        assertThat(Files.mismatch(replayed, out.resolve("served.image"))).as("the first byte that differs").isEqualTo(-1L);
    }

    /** The committed surgeries the served journal lists. */
    private static int committed(Api api, String space) throws Exception {
        return JSON.readTree(api.get(space + "/journal").body()).get("committed").asInt();
    }

    /** {@code ozw surgery} in this process (not the server's): answers the committed surgery's id. */
    private static String ozwSurgery(Path journal, Path batch, Path image) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine ozw = new CommandLine(new Ozw());
        ozw.setOut(new PrintWriter(out, true));
        ozw.setErr(new PrintWriter(err, true));
        int code = ozw.execute("surgery", Served.scratch().toString(), "--journal", journal.toString(), batch.toString(),
                "--out", image.toString(), "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode report = JSON.readTree(out.toString());
        assertThat(report.get("state").asText()).isEqualTo("committed");
        return report.get("id").asText();
    }

    /** The served API with its token. */
    private record Api(int port, String token) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
