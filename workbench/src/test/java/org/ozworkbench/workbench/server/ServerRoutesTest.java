package org.ozworkbench.workbench.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.workbench.Ozw;
import picocli.CommandLine;

/** The API's documents are the command line's {@code --json} documents, and reads follow the changes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerRoutesTest {
    private static final long INTERRUPT_AFTER_MILLIS = 500;
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

    private static JsonNode ozwJson(String... args) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine ozw = new CommandLine(new Ozw());
        ozw.setOut(new PrintWriter(out, true));
        ozw.setErr(new PrintWriter(new StringWriter(), true));
        String[] all = new String[args.length + 2];
        all[0] = args[0];
        all[1] = Served.scratch().toString();
        System.arraycopy(args, 1, all, 2, args.length - 1);
        all[all.length - 1] = "--json";
        assertThat(ozw.execute(all)).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    @Order(1)
    void eachReadAnswersTheDocumentOfItsCommand() throws Exception {
        List<String[]> pairs = List.of(
                new String[] {"", "inspect"},
                new String[] {"/classes?match=Point", "classes", "Point"},
                new String[] {"/classes/Collection/methods/detect:ifNone:", "methods", "Collection", "--disassemble",
                        "detect:ifNone:"},
                new String[] {"/processes", "processes"},
                new String[] {"/objects/Processor.activeProcess.suspendedContext",
                        "object", "Processor.activeProcess.suspendedContext"});
        for (String[] pair : pairs) {
            JsonNode api = Served.json(served.get(served.space(pair[0])));
            assertThat(api).as(pair[0]).isEqualTo(ozwJson(Arrays.copyOfRange(pair, 1, pair.length)));
        }
        assertThat(Served.json(served.get(served.space("/classes/Collection/methods/detect:ifNone:"))).get("source")
                .asText()).startsWith("detect: t1 ifNone: t2");
    }

    @Test
    @Order(2)
    void readsAfterASurgerySeeIt() {
        int before = Served.json(served.get(served.space("/classes/Point"))).get("summary").get("instanceMethods").asInt();
        assertThat(Served.json(served.get(served.space("/diff"))).get("summary").asText()).isEqualTo("identical");
        assertThat(served.post(served.space("/surgeries"), "application/json", "{\"label\": \"routes\", \"steps\":"
                + " [{\"op\": \"compile\", \"class\": \"Point\", \"source\": \"ozwRoutesProbe ^ self ozwRoutesOther\"}]}")
                .statusCode()).isEqualTo(201);
        JsonNode point = Served.json(served.get(served.space("/classes/Point")));
        assertThat(point.get("summary").get("instanceMethods").asInt()).isEqualTo(before + 1);
        JsonNode senders = Served.json(served.get(served.space("/selectors/ozwRoutesOther")));
        assertThat(senders.get("senders").toString()).isEqualTo("[\"Point>>ozwRoutesProbe\"]");
        assertThat(senders.get("implementors").size()).isZero();
        assertThat(Served.json(served.get(served.space("/diff"))).get("summary").asText()).startsWith("1 method added");
    }

    @Test
    @Order(3)
    void anInterruptStopsARunAtOnce() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> run = CompletableFuture.supplyAsync(() ->
                served.post(served.space("/run"), "application/json", "{\"milliseconds\": 60000}"));
        // an interrupt before the run began would find nothing to stop: sent until the run ends
        while (!run.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(INTERRUPT_AFTER_MILLIS);
            assertThat(served.post(served.space("/interrupt"), "application/json", "").statusCode()).isEqualTo(200);
        }
        JsonNode ended = Served.json(run.get(30, TimeUnit.SECONDS));
        assertThat(ended.get("result").asText()).isEqualTo("Interrupted");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @Order(4)
    void aRunTellsItsProcessSwitchesOnTheRunAddress() throws Exception {
        try (BridgeClient bridge = new BridgeClient(served.server.port())) {
            bridge.frame("register", WorkbenchServer.RUN_ADDRESS_PREFIX + served.spaceId, Served.TOKEN, null);
            // the bridge does not acknowledge a registration: an evaluation's events show it done
            served.post(served.space("/evaluate"), "application/json", "{\"expression\": \"3 + 4\"}");
            assertThat(bridge.next(5000).getJsonObject("body").getString("type")).isEqualTo("RunStarted");
            assertThat(bridge.next(5000).getJsonObject("body").getString("type")).isEqualTo("RunEnded");

            // a process that waits on a Semaphore a forked process signals: the scheduler switches to and fro
            HttpResponse<String> evaluated = served.post(served.space("/evaluate"), "application/json",
                    "{\"expression\": \"| s | s := Semaphore new. [s signal] fork. s wait. 7\"}");
            assertThat(Served.json(evaluated).get("value").asText()).as(evaluated.body()).isEqualTo("7");
            assertThat(bridge.next(5000).getJsonObject("body").getString("type")).isEqualTo("RunStarted");
            List<JsonObject> switches = new ArrayList<>();
            JsonObject event;
            while ((event = bridge.next(5000).getJsonObject("body")).getString("type").equals("ProcessSwitched")) {
                switches.add(event);
            }
            assertThat(event.getString("type")).isEqualTo("RunEnded");
            long counted = event.getLong("processSwitches");
            assertThat(counted).isGreaterThanOrEqualTo(2);
            assertThat(switches).hasSize((int) Math.min(counted, Changes.MAX_SWITCH_EVENTS));
            for (int i = 0; i < switches.size(); i++) {
                assertThat(switches.get(i).getString("to")).isNotEqualTo(switches.get(i).getString("from"));
                if (i > 0) {
                    assertThat(switches.get(i).getString("from")).as("switch %d starts where %d ended", i, i - 1)
                            .isEqualTo(switches.get(i - 1).getString("to"));
                }
            }
        }
    }
}
