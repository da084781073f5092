package org.ozworkbench.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealVmBatchTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreReadByTheirLengthsSoLineEndsInsideAnAnswerStayAndACutLastRecordIsDropped() throws IOException {
        Path file = dir.resolve("corpus.out");
        Files.writeString(file, "0 5 a\nb\rc\n7 3 xyz\r12 0 \n13 9 cut", StandardCharsets.ISO_8859_1);

        assertThat(RealVmBatch.readRecords(file)).containsExactlyInAnyOrderEntriesOf(Map.of(0, "a\nb\rc", 7, "xyz", 12, ""));
    }

    @Test
    void anExpressionBecomesAMethodWithItsTemporariesAndTheEvaluationsGuard() {
        assertThat(RealVmBatch.expressionMethod("ozwCorpus3:", "| a b | a := 3. a * a")).isEqualTo(
                "ozwCorpus3: ozwMark\n\t| a b |\n\t^ [ a := 3. a * a\n] ifError: [:ozwMessage :ozwReceiver |\n"
                        + "\tozwMark at: 1 put: ozwMessage. ozwMark]");
    }
}
