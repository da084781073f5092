package org.ozworkbench.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.interpreter.Interpreter;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * The interpreter's compiling tier against the interpreter alone, on the conformance corpora
 * (whose interpreted answers {@link ConformanceCorpusTest} holds against the real VM): with
 * every method compiled the first time it runs, each expression gives the same answer after
 * exactly the same number of bytecodes as with no method compiled.
 */
class CompiledCodeConformanceTest {
    @TempDir
    Path dir;

    @Test
    void scratchAnswersTheSameCompiledAndInterpreted() {
        same("Scratch.image", ConformanceCorpusTest.SCRATCH);
    }

    @Test
    void miniAnswersTheSameCompiledAndInterpreted() {
        same("mini-6502.image", ConformanceCorpusTest.MINI);
    }

    @Test
    void candleAnswersTheSameCompiledAndInterpreted() {
        same("candle-6505.image", ConformanceCorpusTest.CANDLE);
    }

    private void same(String imageName, String... corpusNames) {
        Corpus corpus = Corpus.resources(corpusNames);
        Path image = corpus.installedInto(Images.assumeImage(imageName), dir);
        Run interpreted = run(image, corpus, 0);
        Run compiled = run(image, corpus, 1);
        System.out.printf("%s: %d expressions, %d methods compiled, %,d bytecodes in each mode%n", imageName,
                corpus.size(), compiled.methodsCompiled, compiled.bytecodes);

        assertThat(interpreted.methodsCompiled).isZero();
        assertThat(compiled.methodsCompiled).as("methods compiled").isGreaterThan(100);
        assertThat(compiled.answers).containsExactlyElementsOf(interpreted.answers);
    }

    private record Run(List<String> answers, int methodsCompiled, long bytecodes) {
    }

    /** Each expression's answer and the bytecodes it took, with methods compiled after {@code threshold} entries (0: none). */
    private static Run run(Path image, Corpus corpus, int threshold) {
        try (ObjectSpace space = ObjectSpace.load(image)) {
            Interpreter interpreter = space.execution().interpreter();
            interpreter.compileThreshold(threshold);
            List<String> answers = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < corpus.expressions().size(); i++) {
                String expression = corpus.expressions().get(i);
                long before = interpreter.bytecodesExecuted();
                String answer = HostBatch.answer(space, expression);
                long bytecodes = interpreter.bytecodesExecuted() - before;
                total += bytecodes;
                answers.add("#" + (i + 1) + " " + expression + " -> " + answer + " after " + bytecodes + " bytecodes");
            }
            return new Run(answers, interpreter.compiledMethods(), total);
        }
    }
}
