package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ChildJvm;
import org.ozworkbench.workbench.Ozw;

/** {@code ozw serve} as a user starts it: its first line, its refusals, and the journal it shares while it serves. */
class ServeCommandTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{48})");

    @TempDir
    Path dir;

    @Test
    void anAddressOtherMachinesReachIsRefusedWithoutAllowRemote() {
        OzwRun run = ozw("serve", OzwRun.scratch(), "--bind", "0.0.0.0", "--port", "0", "--journal", dir.resolve("j"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("ozw: --bind 0.0.0.0 is not a loopback address: add --allow-remote"
                + " to serve other machines (anyone who has the token can change the images)");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("j")).doesNotExist();
    }

    @Test
    void printsItsUrlFirstAndSharesTheJournalWhileServing() throws Exception {
        Path journal = dir.resolve("j");
        Path batch = Files.writeString(dir.resolve("fix.json"), "{\"label\": \"fix\", \"steps\": [{\"op\": \"compile\","
                + " \"class\": \"Point\", \"source\": \"ozwServeProbe ^ 1\"}]}");
        List<String> cmd = ChildJvm.command(Ozw.class, "1g", List.of("serve", OzwRun.scratch().toString(), "--port", "0",
                "--journal", journal.toString()));
        // a webroot folder in the working directory is not the page (Vert.x would look there first)
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.writeString(Files.createDirectories(cwd.resolve("webroot")).resolve("index.html"), "planted");
        Process server = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(dir.resolve("serve.err").toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(120, TimeUnit.SECONDS);
            Matcher url = URL.matcher(first == null ? "" : first);
            assertThat(url.matches()).as(first + " " + Files.readString(dir.resolve("serve.err"))).isTrue();
            HttpResponse<String> spaces = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + url.group(1) + "/api/spaces"))
                    .header("Authorization", "Bearer " + url.group(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(spaces.statusCode()).isEqualTo(200);
            assertThat(spaces.body()).contains("\"journal\":\"" + journal + "\"");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + url.group(1) + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("Oz Workbench").doesNotContain("planted");
            System.setProperty("ozw.journal.lockWait", "5");
            try { // the server holds the journal's lock only while it writes: the command takes its turn
                OzwRun during = ozw("surgery", OzwRun.scratch(), "--journal", journal, batch, "--out", dir.resolve("during.image"));
                assertThat(during.exitCode()).as(during.err()).isZero();
            } finally {
                System.clearProperty("ozw.journal.lockWait");
            }
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes the journal
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        OzwRun after = ozw("surgery", OzwRun.scratch(), "--journal", journal, batch, "--out", dir.resolve("after.image"));
        assertThat(after.exitCode()).as("the same method again, on top").isZero();
        assertThat(after.err()).doesNotContain("journal-busy");
    }
}
