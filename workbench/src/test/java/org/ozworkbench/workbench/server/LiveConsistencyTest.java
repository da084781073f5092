package org.ozworkbench.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.workbench.Ozw;
import picocli.CommandLine;

/**
 * Ten clients apply fifty surgeries at once through the API, each a method install on a class of
 * its own: every one commits whole, the bridge carries each commit once and in journal order, and
 * the journal replays onto a fresh Scratch.image to the very bytes the server saves.
 */
class LiveConsistencyTest {
    private static final int CLIENTS = 10;
    private static final int SURGERIES = 50;
    private static final int LATE_SURGERIES = 10;

    @TempDir
    Path dir;

    @Test
    void fiftyConcurrentSurgeriesCommitWholeAndReplayToTheSavedBytes() throws Exception {
        Path saved = dir.resolve("out/served.image");
        try (Served served = new Served(dir); BridgeClient bridge = new BridgeClient(served.server.port())) {
            bridge.frame("register", "ozw.space." + served.spaceId + ".surgeries", Served.TOKEN, null);
            // the bridge does not acknowledge a registration: a run's event, registered for after it, shows it done
            bridge.frame("register", WorkbenchServer.RUN_ADDRESS_PREFIX + served.spaceId, Served.TOKEN, null);
            served.post(served.space("/evaluate"), "application/json", "{\"expression\": \"3 + 4\"}");
            assertThat(bridge.next(5000).getJsonObject("body").getString("type")).isEqualTo("RunStarted");
            assertThat(bridge.next(5000).getJsonObject("body").getString("type")).isEqualTo("RunEnded");
            List<String> classes = new ArrayList<>();
            for (JsonNode c : Served.json(served.get(served.space("/classes?match=*Morph")))) {
                if (classes.size() < SURGERIES) {
                    classes.add(c.get("name").asText());
                }
            }
            assertThat(classes).hasSize(SURGERIES);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < SURGERIES; i++) {
                String batch = "{\"label\": \"live " + i + "\", \"steps\": [{\"op\": \"compile\", \"class\": \""
                        + classes.get(i) + "\", \"source\": \"ozwLive" + i + "  ^ " + i + "\"}]}";
                answers.add(clients.submit(() -> served.post(served.space("/surgeries"), "application/json", batch)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                assertThat(Served.json(r).get("state").asText()).isEqualTo("committed");
            }
            clients.shutdown();
            for (int i = 0; i < SURGERIES; i++) {
                JsonNode method = Served.json(served.get(served.space("/classes/" + classes.get(i) + "/methods/ozwLive" + i)));
                assertThat(method.get("source").asText()).contains("^ " + i);
            }
            assertThat(served.committed()).isEqualTo(SURGERIES);
            long lastIndex = -1;
            int commits = 0;
            for (JsonObject frame = bridge.next(5000); frame != null; frame = bridge.next(commits < SURGERIES ? 5000 : 300)) {
                JsonObject event = frame.getJsonObject("body");
                assertThat(event.getLong("index")).isGreaterThan(lastIndex);
                lastIndex = event.getLong("index");
                if (event.getString("type").equals("SurgeryCommitted")) {
                    commits++;
                }
            }
            assertThat(commits).isEqualTo(SURGERIES);
            aLateSubscriberGetsEveryEventOnceInOrder(served, classes);
            assertThat(served.post(served.space("/save"), "application/json", "{\"name\": \"served.image\"}")
                    .statusCode()).isEqualTo(201);
        }
        Path replayed = dir.resolve("replayed.image");
        StringWriter err = new StringWriter();
        CommandLine ozw = new CommandLine(new Ozw());
        ozw.setErr(new PrintWriter(err, true));
        ozw.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(ozw.execute("replay", Served.scratch().toString(), "--journal", dir.resolve("journal").toString(),
                "--out", replayed.toString())).as(err.toString()).isZero();
        assertThat(Files.mismatch(replayed, saved)).as("the first byte that differs").isEqualTo(-1L);
        assertThat(Files.mismatch(replayed, Served.scratch())).isNotEqualTo(-1L);
    }

    /**
     * A subscriber that comes after fifty surgeries, while ten more are committed: it registers, reads
     * the events so far with {@code GET /events}, then keeps the bridge's events past the last one
     * read. What it ends with is the journal's every event once, in order.
     */
    private static void aLateSubscriberGetsEveryEventOnceInOrder(Served served, List<String> classes) throws Exception {
        try (BridgeClient late = new BridgeClient(served.server.port())) {
            late.frame("register", "ozw.space." + served.spaceId, Served.TOKEN, null);
            // frames on one socket are handled in order: a run event heard means the registration above holds
            late.frame("register", WorkbenchServer.RUN_ADDRESS_PREFIX + served.spaceId, Served.TOKEN, null);
            served.post(served.space("/evaluate"), "application/json", "{\"expression\": \"3 + 4\"}");
            assertThat(late.next(5000).getJsonObject("body").getString("type")).isEqualTo("RunStarted");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < LATE_SURGERIES; i++) {
                String batch = "{\"label\": \"late " + i + "\", \"steps\": [{\"op\": \"compile\", \"class\": \""
                        + classes.get(i) + "\", \"source\": \"ozwLate" + i + "  ^ " + i + "\"}]}";
                answers.add(clients.submit(() -> served.post(served.space("/surgeries"), "application/json", batch)));
            }
            List<Long> seen = new ArrayList<>();
            Served.json(served.get(served.space("/events"))).get("events").forEach(e -> seen.add(e.get("index").asLong()));
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(201);
            }
            clients.shutdown();
            JsonNode all = Served.json(served.get(served.space("/events")));
            long last = all.get("events").get(all.get("events").size() - 1).get("index").asLong();
            for (JsonObject frame = late.next(5000); frame != null && seen.get(seen.size() - 1) < last;
                 frame = late.next(5000)) {
                JsonObject event = frame.getJsonObject("body");
                if (event.containsKey("index") && event.getLong("index") > seen.get(seen.size() - 1)) {
                    seen.add(event.getLong("index"));
                }
            }
            List<Long> journal = new ArrayList<>();
            all.get("events").forEach(e -> journal.add(e.get("index").asLong()));
            assertThat(all.get("more").asBoolean()).isFalse();
            assertThat(seen).as("the late subscriber's events against the journal's").isEqualTo(journal);
        }
    }
}
