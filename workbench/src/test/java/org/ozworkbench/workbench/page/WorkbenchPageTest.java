package org.ozworkbench.workbench.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ozworkbench.fixtures.ImageAssumptions.assumeScratchImage;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.ozworkbench.fixtures.ChildJvm;
import org.ozworkbench.workbench.Ozw;

/**
 * The workbench page in a real browser (Debian's headless chromium through its chromedriver)
 * against a real {@code ozw serve} on a copy of Scratch.image, run as a process of its own: two
 * windows, one that changes the space and one that watches its journal. The tests run in order
 * on the one server: the edit is rolled back (and the image saved byte-identical) before the
 * process browser suspends a process. Screenshots of every view go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WorkbenchPageTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Dimension WINDOW = new Dimension(1280, 800);
    private static final long LIVE_WITHIN_MS = 1000;
    /** The committed surgeries the tests before make while the second window follows: at least the edit and its rollback. */
    private static final int COMMITS_HEARD = 2;
    private static final int SCRATCH_PROCESSES = 7;

    @TempDir
    static Path dir;

    private static Path scratch;
    private static Path outDir;
    private static Process server;
    private static String url;
    private static ChromeDriver editorDriver;
    private static ChromeDriver watcherDriver;
    private static WorkbenchPage editor;
    private static WorkbenchPage watcher;

    @BeforeAll
    static void startServerAndBrowsers() throws Exception {
        scratch = assumeScratchImage();
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "needs Debian's chromium and chromium-driver (./ozw test installs them)");
        Path image = Files.copy(scratch, dir.resolve("Scratch.image"));
        outDir = Files.createDirectories(dir.resolve("out"));
        server = new ProcessBuilder(ChildJvm.command(Ozw.class, "768m", List.of("serve", image.toString(),
                "--port", "0", "--journal", dir.resolve("journal").toString(), "--out-dir", outDir.toString())))
                .redirectError(dir.resolve("server.err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        url = out.readLine();
        assertThat(url).as("the first line ozw serve prints (stderr: %s)", dir.resolve("server.err"))
                .startsWith("http://127.0.0.1:").contains("/?token=");
        editorDriver = chrome();
        watcherDriver = chrome();
        editor = new WorkbenchPage(editorDriver, SCREENSHOTS).open(url);
        watcher = new WorkbenchPage(watcherDriver, SCREENSHOTS).open(url);
    }

    private static ChromeDriver chrome() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build(), options);
        driver.manage().window().setSize(WINDOW);
        return driver;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (ChromeDriver d : new ChromeDriver[] {editorDriver, watcherDriver}) {
            if (d != null) {
                d.quit();
            }
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    @Order(1)
    void theTokenLeavesTheAddressBarAndTheClassListShowsScratchsClasses() throws IOException {
        assertThat(editor.currentUrl()).doesNotContain("token");
        assertThat(editor.browser().classes()).contains("ScratchFrameMorph", "ScriptableScratchMorph", "Point", "Object");
        editor.screenshot("browser-classes");
    }

    @Test
    @Order(2)
    void aMethodShowsItsSourceAndItsBytecodes() throws IOException {
        WorkbenchPage.Browser browser = editor.browser().openClass("Point");
        assertThat(browser.protocols()).contains("accessing", "arithmetic", "polar coordinates");
        browser.method("+");
        assertThat(browser.source()).startsWith("+ t1").contains("^ t1");
        editor.screenshot("browser-source");
        List<String> bytecodes = browser.bytecodes();
        assertThat(bytecodes).isNotEmpty();
        assertThat(bytecodes.get(bytecodes.size() - 1)).contains("returnTop");
        editor.screenshot("browser-bytecodes");
        assertThat(browser.references("Implementors")).contains("Point>>+", "SmallInteger>>+", "Float>>+");
        assertThat(browser.references("Senders")).contains("Point>>+").doesNotContain("Point>>x").hasSizeGreaterThan(100);
        editor.screenshot("browser-senders");
    }

    @Test
    @Order(3)
    void anEditedMethodIsOneSurgerySeenLiveByASecondWindowAndItsRollbackRestoresTheOriginalBytes() throws Exception {
        watcher.journal();
        watcher.script("window.notReloaded = true;");
        WorkbenchPage.Browser browser = editor.browser().openClass("Point").method("x");
        String surgery = browser.accept("x\n\t\"The x coordinate, edited in the workbench.\"\n\t^ x + 0");
        long answered = browser.answeredAt();

        WorkbenchPage.Journal timeline = watcher.journal();
        WebElement entry = timeline.waitFor(surgery, "committed");
        long begun = Instant.parse(entry.getDomAttribute("data-begun")).toEpochMilli();
        long beginSeen = Long.parseLong(entry.getDomAttribute("data-received-begun"));
        long received = Long.parseLong(entry.getDomAttribute("data-received"));
        System.out.printf("journal -> second window: SurgeryBegun arrived %d ms after its timestamp; SurgeryCommitted"
                + " %d ms after the surgery began, %d ms %s the committing window had its answer%n",
                beginSeen - begun, received - begun, Math.abs(received - answered),
                received >= answered ? "after" : "before");
        // The journal stamps a surgery's begin, not its commit: the begin's way from the journal to the
        // second window stands for any event's, and the commit must be there within 1 s of the
        // committing window seeing it done.
        assertThat(beginSeen - begun).as("ms from SurgeryBegun's timestamp to the second window").isLessThan(LIVE_WITHIN_MS);
        assertThat(received - answered).as("ms from the committing window's answer to the second window").isLessThan(LIVE_WITHIN_MS);
        assertThat(watcher.script("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(timeline.labels()).contains("Point>>x edited in the browser");
        assertThat(timeline.changes(surgery)).anyMatch(c -> c.contains("MethodInstalled") && c.contains("Point>>x"));
        watcher.screenshot("journal");
        assertThat(browser.bytecodes()).anyMatch(row -> row.contains("send: +") || row.contains("#+"));
        editor.diff();
        editor.screenshot("diff");

        timeline.rollBackSelected();
        editor.save("rolled-back.image");
        assertThat(Files.mismatch(outDir.resolve("rolled-back.image"), scratch)).isEqualTo(-1L);
    }

    @Test
    @Order(4)
    void theProcessBrowserShowsScratchsSevenProcessesAndSuspendsAndTerminatesOneAsSurgeries() throws IOException {
        WorkbenchPage.Processes processes = editor.processes();
        assertThat(processes.rows()).hasSize(SCRATCH_PROCESSES);
        String waiting = processes.firstIn("waiting");
        processes.suspend(waiting);
        editor.screenshot("processes");
        watcher.journal().waitFor(watcher.until(d -> d.findElements(org.openqa.selenium.By.cssSelector(".timeline li"))
                .stream().filter(li -> li.getText().contains("suspend process " + waiting)).findFirst()
                .map(li -> li.getDomAttribute("data-surgery")).orElse(null)), "committed");
        processes.terminate(waiting);
        assertThat(processes.rows()).hasSize(SCRATCH_PROCESSES);
    }

    @Test
    @Order(5)
    void theEvaluatorAnswersSeven() throws IOException {
        assertThat(editor.evaluator().printIt("3 + 4")).isEqualTo("7");
        editor.until(d -> editor.runIndicator().startsWith("guest: idle (last evaluate: value"));
        editor.screenshot("evaluator");
    }

    @Test
    @Order(6)
    void theInspectorFollowsSlotsByName() throws IOException {
        WorkbenchPage.Inspector inspector = editor.inspector().inspect("Processor").follow("activeProcess");
        assertThat(inspector.self()).startsWith("a Process");
        editor.screenshot("inspector");
    }

    @Test
    @Order(7)
    void theSurgeryEditorAppliesAFileInAsOneSurgery() throws IOException {
        assertThat(editor.applySurgeryEditor()).contains("state committed");
        editor.screenshot("surgery-editor");
        assertThat(editor.browser().openClass("Point").method("norm1").source()).contains("x abs + y abs");
    }

    @Test
    @Order(8)
    void theRollbackOfASurgeryALaterOneOverwroteIsRefusedNamingIt() throws IOException {
        WorkbenchPage.Browser browser = editor.browser().openClass("Point").method("y");
        String first = browser.accept("y\n\t^ y + 1");
        String second = browser.accept("y\n\t^ y + 2");
        List<String> refusal = watcher.journal().refusedRollback(first);
        assertThat(refusal.get(0)).contains(first).contains(second).contains("Point>>y");
        assertThat(refusal).contains("Point>>y edited in the browser (" + second.substring(0, 8) + ")");
        watcher.screenshot("journal-conflict");
    }

    @Test
    @Order(9)
    void theSecondWindowHearsEachCommitSoonAfterTheJournalRecordsIt() {
        watcher.journal();
        @SuppressWarnings("unchecked")
        List<List<String>> seen = (List<List<String>>) watcher.script("return [...document.querySelectorAll("
                + "'.timeline li[data-state=committed]')].map(li => [li.dataset.committedAt, li.dataset.received])"
                + ".filter(([at, received]) => at && at !== 'undefined' && received && received !== 'undefined');");
        List<Long> latencies = seen.stream()
                .map(pair -> Long.parseLong(pair.get(1)) - Instant.parse(pair.get(0)).toEpochMilli()).sorted().toList();
        assertThat(latencies).as("the commits the second window heard live").hasSizeGreaterThanOrEqualTo(COMMITS_HEARD);
        long median = latencies.get(latencies.size() / 2);
        System.out.printf("commit -> second window: median %d ms over %d surgeries (min %d, max %d)%n", median,
                latencies.size(), latencies.get(0), latencies.get(latencies.size() - 1));
        assertThat(median).as("median ms from a commit's record to the second window").isLessThan(LIVE_WITHIN_MS);
    }
}
