package org.ozworkbench.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.Images;
import org.ozworkbench.realvm.RealVm;

/**
 * Differential conformance: the same expressions, in the same order, evaluated by our interpreter
 * and by the real VM on the same image, must print identically (at least 99% per image). The
 * report (counts, then every difference with both answers) is printed and written to
 * {@code target/conformance-IMAGE.txt}, every answer to {@code target/conformance-IMAGE-answers.txt}.
 * A corpus where both sides mostly answer errors would prove little: at most 10% of the
 * identical answers may be errors.
 */
class ConformanceCorpusTest {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(20);
    private static final double REQUIRED_PERCENT = 99.0;
    private static final int REQUIRED_TOTAL = 500;
    private static final double MAX_ERROR_SHARE = 0.10;
    static final String[] SCRATCH = {"squeak.txt", "scratch.txt"};
    static final String[] MINI = {"squeak.txt"};
    static final String[] CANDLE = {"candle.txt"};

    @TempDir
    Path dir;

    @Test
    void scratchAnswersAsTheRealVmDoes() throws IOException {
        conforms("Scratch.image", SCRATCH);
    }

    @Test
    void miniAnswersAsTheRealVmDoes() throws IOException {
        conforms("mini-6502.image", MINI);
    }

    @Test
    void candleAnswersAsTheRealVmDoes() throws IOException {
        conforms("candle-6505.image", CANDLE);
    }

    @Test
    void largeIntegerPrimitivesAndPluginAnswerOnScratchAsInTheRealVm() throws IOException {
        conforms("Scratch.image", "primitives.txt", "plugin.txt");
    }

    @Test
    void largeIntegerPrimitivesAnswerOnCandleAsInTheRealVm() throws IOException {
        conforms("candle-6505.image", "primitives.txt");
    }

    @Test
    void theCorporaHoldEnoughExpressionsForTheThreeImages() {
        int total = Corpus.resources(SCRATCH).size() + Corpus.resources(MINI).size() + Corpus.resources(CANDLE).size();

        assertThat(total).isGreaterThanOrEqualTo(REQUIRED_TOTAL);
    }

    private void conforms(String imageName, String... corpusNames) throws IOException {
        Corpus corpus = Corpus.resources(corpusNames);
        Path image = corpus.installedInto(Images.assumeImage(imageName), dir);
        long start = System.nanoTime();
        List<String> host = HostBatch.run(image, corpus.expressions());
        long hostMillis = (System.nanoTime() - start) / 1_000_000;
        RealVmBatch batch = new RealVmBatch(RealVm.locate(), image, dir, BOOT_TIMEOUT);
        List<Optional<String>> realVm = batch.run(corpus.expressions());
        ConformanceReport report = new ConformanceReport(imageName, corpus.expressions(), host, realVm);
        String text = report.render() + String.format("host %d ms; real VM %d ms in %d boot(s)%n", hostMillis,
                batch.elapsed().toMillis(), batch.boots());
        System.out.print(text);
        Path target = Path.of("target");
        Files.createDirectories(target);
        String base = "conformance-" + imageName.replaceFirst("\\.image$", "")
                + (corpus.methods().isEmpty() ? "" : "-" + corpusNames[0].replaceFirst("\\.txt$", ""));
        Files.writeString(target.resolve(base + ".txt"), text, StandardCharsets.UTF_8);
        Files.writeString(target.resolve(base + "-answers.txt"), report.renderAll(), StandardCharsets.UTF_8);

        assertThat(report.percentIdentical()).as(report.render()).isGreaterThanOrEqualTo(REQUIRED_PERCENT);
        assertThat(report.errors()).as("identical answers that are errors").isLessThanOrEqualTo(
                (int) (MAX_ERROR_SHARE * report.size()));
    }
}
