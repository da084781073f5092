package org.ozworkbench.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tries to break {@code ozw serve}'s defences with a real client against a real server on
 * Scratch.image: each refused request must change nothing, in the space or in the journal.
 */
class ServerSecurityTest {
    private static final String PROBE = "{\"label\": \"probe\", \"steps\": [{\"op\": \"compile\", \"class\": \"Point\","
            + " \"source\": \"ozwSecurityProbe ^ 42\"}]}";
    private static final String PROBE_METHOD = "/classes/Point/methods/ozwSecurityProbe";

    @TempDir
    static Path dir;
    static Served served;

    @BeforeAll
    static void serve() throws Exception {
        served = new Served(dir);
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    /** Nothing was installed and nothing committed. */
    private static void nothingChanged() {
        assertThat(served.get(served.space(PROBE_METHOD)).statusCode()).isEqualTo(404);
        assertThat(served.committed()).isZero();
    }

    @Test
    void aRemoteAddressIsRefusedWithoutAllowRemote() {
        assertThatThrownBy(() -> WorkbenchServer.start(List.of(), new WorkbenchServer.Options("0.0.0.0", 0, "t", null,
                false))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--allow-remote");
    }

    @Test
    void aMissingOrWrongTokenIs401AndChangesNothing() {
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + Served.TOKEN + "x", Served.TOKEN}) {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(served.space("/surgeries")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PROBE));
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(served.space("/classes/Point")));
            if (authorization != null) {
                post.header("Authorization", authorization);
                get.header("Authorization", authorization);
            }
            assertThat(served.send(post.build()).statusCode()).as(authorization).isEqualTo(401);
            assertThat(served.send(get.build()).statusCode()).as(authorization).isEqualTo(401);
        }
        nothingChanged();
    }

    @Test
    void anotherHostOrOriginIs403AndChangesNothing() throws Exception {
        int port = served.server.port();
        String post = "POST /api/spaces/" + served.spaceId + "/surgeries HTTP/1.1\r\nAuthorization: Bearer "
                + Served.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: " + PROBE.length() + "\r\n";
        // DNS rebinding: a name of the attacker's that resolves to 127.0.0.1
        assertThat(served.raw(post + "Host: evil.example:" + port + "\r\n\r\n" + PROBE)).isEqualTo(403);
        assertThat(served.raw(post + "Host: 127.0.0.1:" + (port + 1) + "\r\n\r\n" + PROBE)).isEqualTo(403);
        // no Host at all (Vert.x itself answers 400 to an HTTP/1.1 request without one)
        assertThat(served.raw(post + "\r\n" + PROBE)).isIn(400, 403);
        // a cross-site POST from a page of another origin
        HttpResponse<String> crossSite = served.send(HttpRequest.newBuilder(URI.create(served.space("/surgeries")))
                .header("Authorization", "Bearer " + Served.TOKEN).header("Origin", "http://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PROBE)).build());
        assertThat(crossSite.statusCode()).isEqualTo(403);
        HttpResponse<String> otherPort = served.send(HttpRequest.newBuilder(URI.create(served.space("/surgeries")))
                .header("Authorization", "Bearer " + Served.TOKEN).header("Origin", "http://127.0.0.1:" + (port + 1))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PROBE)).build());
        assertThat(otherPort.statusCode()).isEqualTo(403);
        nothingChanged();
    }

    @Test
    void aBodyOverOneMegabyteIs413() {
        String big = "\"" + "x".repeat(WorkbenchServer.BODY_LIMIT) + "\"";
        String batch = "{\"label\": " + big + ", \"steps\": []}";
        assertThat(served.post(served.space("/surgeries"), "application/json", batch).statusCode()).isEqualTo(413);
        nothingChanged();
    }

    @Test
    void aPathOutsideTheStaticFolderIs404() throws Exception {
        String host = "Host: 127.0.0.1:" + served.server.port() + "\r\n\r\n";
        assertThat(served.raw("GET /index.html HTTP/1.1\r\n" + host)).isEqualTo(200);
        for (String path : new String[] {"/../pom.xml", "/../../pom.xml", "/%2e%2e/%2e%2e/pom.xml",
                "/..%2f..%2fpom.xml", "/%2e%2e%2f%2e%2e%2fworkbench%2fpom.xml", "/webroot/../../../../etc/passwd",
                "/..%5c..%5cpom.xml", "/org/ozworkbench/workbench/Ozw.class", "/simplelogger.properties"}) {
            assertThat(served.raw("GET " + path + " HTTP/1.1\r\n" + host)).as(path).isEqualTo(404);
        }
    }

    @Test
    void aFailingSurgeryOrEvaluationLeavesSpaceAndJournalAsTheyWere() throws Exception {
        // the first step compiles, the second does not: nothing of the first may stay
        String failing = "{\"label\": \"half\", \"steps\": [{\"op\": \"compile\", \"class\": \"Point\", \"source\":"
                + " \"ozwSecurityProbe ^ 42\"}, {\"op\": \"compile\", \"class\": \"Point\", \"source\": \"ozwBroken ^ (\"}]}";
        HttpResponse<String> refused = served.post(served.space("/surgeries"), "application/json", failing);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Served.json(refused).get("error").asText()).contains("step 2 (compile)");
        HttpResponse<String> fileIn = served.post(served.space("/surgeries"), "text/plain",
                "!Point methodsFor: 'ozw'!\nozwSecurityProbe\n  ^ 42! !\n!Point methodsFor: 'ozw'!\nbroken\n  ^ (! !\n");
        assertThat(fileIn.statusCode()).isEqualTo(422);
        HttpResponse<String> error = served.post(served.space("/evaluate"), "application/json",
                "{\"expression\": \"Smalltalk at: #OzwProbe put: 3. 1 / 0\", \"sandbox\": false}");
        assertThat(Served.json(error).get("result").asText()).isEqualTo("error");
        HttpResponse<String> syntax = served.post(served.space("/evaluate"), "application/json",
                "{\"expression\": \"3 +\", \"sandbox\": false}");
        assertThat(syntax.statusCode()).isEqualTo(400);
        nothingChanged();
        HttpResponse<String> global = served.post(served.space("/evaluate"), "application/json",
                "{\"expression\": \"Smalltalk includesKey: #OzwProbe\"}");
        assertThat(Served.json(global).get("value").asText()).isEqualTo("false");
        HttpResponse<String> saved = served.post(served.space("/save"), "application/json",
                "{\"name\": \"unchanged.image\"}");
        assertThat(saved.statusCode()).isEqualTo(201);
        assertThat(Files.mismatch(dir.resolve("out/unchanged.image"), Served.scratch())).isEqualTo(-1L);
    }

    @Test
    void theBridgeForwardsOnlyPermittedAddressesToTokenHoldersAndTakesNothingIn() throws Exception {
        String journalAddress = "ozw.space." + served.spaceId;
        String runAddress = WorkbenchServer.RUN_ADDRESS_PREFIX + served.spaceId;
        AtomicInteger inbound = new AtomicInteger();
        served.server.vertx().eventBus().consumer(journalAddress, m -> inbound.incrementAndGet());
        served.server.vertx().eventBus().consumer("ozw.inbox", m -> inbound.incrementAndGet());
        try (BridgeClient bridge = new BridgeClient(served.server.port())) {
            bridge.frame("register", journalAddress, null, null);
            assertThat(bridge.nextType(2000)).isEqualTo("err");
            bridge.frame("register", runAddress, "wrong", null);
            assertThat(bridge.nextType(2000)).isEqualTo("err");
            bridge.frame("register", "ozw.inbox", Served.TOKEN, null);
            assertThat(bridge.nextType(2000)).isEqualTo("err");
            for (String type : new String[] {"send", "publish"}) {
                for (String address : new String[] {journalAddress, "ozw.inbox"}) {
                    bridge.frame(type, address, Served.TOKEN, new JsonObject().put("type", "SurgeryCommitted"));
                    assertThat(bridge.nextType(2000)).as(type + " " + address).isEqualTo("err");
                }
            }
            // with the token, a permitted address is followed: an evaluation's run events arrive
            bridge.frame("register", runAddress, Served.TOKEN, null);
            assertThat(served.post(served.space("/evaluate"), "application/json", "{\"expression\": \"3 + 4\"}")
                    .statusCode()).isEqualTo(200);
            JsonObject started = bridge.next(5000);
            assertThat(started.getString("type")).isEqualTo("rec");
            assertThat(started.getJsonObject("body").getString("type")).isEqualTo("RunStarted");
            assertThat(bridge.next(5000).getJsonObject("body").getString("type")).isEqualTo("RunEnded");
            assertThat(bridge.next(300)).isNull();
        }
        assertThat(inbound).hasValue(0);
    }

    @Test
    void saveWritesIntoTheOutputFolderOnly() throws Exception {
        for (String name : new String[] {"../escaped.image", "sub/x.image", "..", "/tmp/x.image", ""}) {
            HttpResponse<String> r = served.post(served.space("/save"), "application/json",
                    "{\"name\": \"" + name + "\"}");
            assertThat(r.statusCode()).as(name).isEqualTo(400);
        }
        assertThat(dir.resolve("escaped.image")).doesNotExist();
        Files.writeString(dir.resolve("out/kept.image"), "mine");
        HttpResponse<String> existing = served.post(served.space("/save"), "application/json", "{\"name\": \"kept.image\"}");
        assertThat(existing.statusCode()).isEqualTo(409);
        assertThat(Files.readString(dir.resolve("out/kept.image"))).isEqualTo("mine");
    }
}
