package org.ozworkbench.workbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ozworkbench.workbench.server.WorkbenchServer;

/**
 * {@code ozw bench serve}: the API's latency for a class, a method and an object of an image while
 * many clients ask at once, and the requests per second it sustains, beside the same answer from a
 * one-shot {@code ozw} command in a cold JVM (the jar, as the launcher starts it).
 */
public final class ServeBenchmark {
    private static final int WARM_UP_ROUNDS = 3;
    private static final int TOKEN_BYTES = 16;

    /**
     * One API question and the one-shot command that answers the same.
     *
     * @param name    what is asked
     * @param route   the route under the space
     * @param command the {@code ozw} arguments after the image
     */
    public record Question(String name, String route, List<String> command) {
    }

    /** The questions measured: a class, a method (with its source), an object. */
    public static final List<Question> QUESTIONS = List.of(
            new Question("class Point", "/classes/Point", List.of("classes", "Point", "--json")),
            new Question("method Collection>>detect:ifNone:", "/classes/Collection/methods/detect:ifNone:",
                    List.of("methods", "Collection", "--disassemble", "detect:ifNone:", "--json")),
            new Question("object Processor.activeProcess", "/objects/Processor.activeProcess",
                    List.of("object", "Processor.activeProcess", "--json")));

    /**
     * The figures of one question.
     *
     * @param question   what was asked
     * @param latency    each request's time, under {@code clients} concurrent clients
     * @param perSecond  requests answered per second, all clients together
     * @param oneShot    the one-shot command's times (cold JVM, image loaded each time), empty without the jar
     */
    public record Result(Question question, Stats latency, double perSecond, Optional<Stats> oneShot) {
    }

    private final Path image;
    private final int clients;
    private final int requestsPerClient;
    private final int oneShotRuns;
    private final Path work;

    public ServeBenchmark(Path image, int clients, int requestsPerClient, int oneShotRuns, Path work) {
        this.image = image;
        this.clients = clients;
        this.requestsPerClient = requestsPerClient;
        this.oneShotRuns = oneShotRuns;
        this.work = work;
    }

    public List<Result> run() throws Exception {
        byte[] secret = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        List<Result> results = new ArrayList<>();
        try (WorkbenchServer server = WorkbenchServer.start(
                List.of(new WorkbenchServer.SpaceSource(image, work.resolve("journal"))),
                new WorkbenchServer.Options("127.0.0.1", 0, token, null, false))) {
            String base = "http://127.0.0.1:" + server.port() + "/api/spaces/" + server.spaceIds().get(0);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                for (Question q : QUESTIONS) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + q.route()))
                            .header("Authorization", "Bearer " + token).build();
                    for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                        measure(pool, http, request);
                    }
                    long start = System.nanoTime();
                    long[] latencies = measure(pool, http, request);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    results.add(new Result(q, Stats.of(latencies), latencies.length / seconds, Optional.empty()));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<Result> withOneShot = new ArrayList<>();
        for (Result r : results) {
            withOneShot.add(new Result(r.question(), r.latency(), r.perSecond(), oneShot(r.question())));
        }
        return withOneShot;
    }

    /** Each client sends its requests one after the other; answers every request's time. */
    private long[] measure(ExecutorService pool, HttpClient http, HttpRequest request) throws Exception {
        List<Future<long[]>> clientTimes = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            clientTimes.add(pool.submit(() -> {
                long[] t = new long[requestsPerClient];
                for (int i = 0; i < requestsPerClient; i++) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    t[i] = System.nanoTime() - start;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
                    }
                }
                return t;
            }));
        }
        long[] all = new long[clients * requestsPerClient];
        int n = 0;
        for (Future<long[]> f : clientTimes) {
            for (long t : f.get()) {
                all[n++] = t;
            }
        }
        return all;
    }

    private Optional<Stats> oneShot(Question q) {
        if (oneShotRuns == 0) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>(List.of(q.command().get(0), image.toString()));
        arguments.addAll(q.command().subList(1, q.command().size()));
        return Launcher.timeCold(arguments, oneShotRuns);
    }
}
