package org.ozworkbench.core.compiler.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.Images;
import org.ozworkbench.fixtures.ImageAssumptions;

/** When the real VM does not deliver a corpus, the failure says how the run ended and where the guest got to. */
class GuestCorpusFailureTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheRealVm() {
        ImageAssumptions.assumeRealVm();
    }

    @Test
    void aGuestStoppedByTheTimeLimitIsReportedWithTheLastMethodItStarted() {
        Path cacheFile = dir.resolve("Scratch.corpus");

        assertThatThrownBy(() -> GuestCorpus.build(Images.scratch(), GuestCorpus.doItTemplate(), cacheFile,
                Duration.ofSeconds(4)))
                .isInstanceOf(GuestCorpusException.class)
                .hasMessageContaining("the guest wrote no marker")
                .hasMessageContaining("timed out after 4000 ms")
                .hasMessageMatching("(?s).*last method started: [^\\n]+>>\\S+.*")
                .hasMessageContaining("kept for a look: " + dir);
    }

    @Test
    void aDoItThatAnswersAFailureIsReportedWithItsAnswer() {
        Path cacheFile = dir.resolve("Scratch.corpus");

        assertThatThrownBy(() -> GuestCorpus.build(Images.scratch(), "'doIt failed: on purpose'", cacheFile,
                Duration.ofSeconds(30)))
                .isInstanceOf(GuestCorpusException.class)
                .hasMessageContaining("the corpus doIt answered 'doIt failed: on purpose' instead of 'ok <count>'");
    }
}
