package org.ozworkbench.core.decompiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.conformance.GuestCorpus;
import org.ozworkbench.core.compiler.conformance.GuestMethod;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Issue 15's agreement with the guest's own Decompiler: for every method the guest decompiled in
 * the real VM ({@link GuestCorpus}, the same corpus the compiler conformance test uses, cached under
 * {@code target/guest-corpus/}), our text and the guest's are compared after whitespace
 * normalisation. The rate and the differences, grouped by the first tokens that differ, are printed;
 * the rate must stay at or above the floor measured when the decompiler was written. The report
 * also gives both decompilers' speed on the same methods (the guest's timed in the corpus run). Without a
 * cached corpus, {@link GuestCorpus#of} boots the real VM once per image (Scratch: about 20 s).
 */
class DecompilerAgreementTest {
    private static final int EXAMPLES = 2;
    private static final int SHOWN_KINDS = 25;
    private static final int CONTEXT_TOKENS = 2;
    private static final int TIMED_PASSES = 3;

    static Stream<Arguments> images() {
        return Stream.of(Arguments.of("mini-6502.image", 0.965), Arguments.of("Scratch.image", 0.985));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void ourTextIsTheGuestDecompilersTextAfterWhitespaceNormalisation(String imageName, double floor) {
        Path path = Images.assumeImage(imageName);
        GuestCorpus corpus = GuestCorpus.of(path);
        try (ObjectSpace space = ObjectSpace.load(path)) {
            Decompiler decompiler = Decompiler.on(space);
            Map<String, List<String>> differences = new LinkedHashMap<>();
            int compared = 0;
            int same = 0;
            for (GuestMethod m : corpus.imageMethods()) {
                if (m.source().isEmpty()) {
                    continue;
                }
                ClassMirror cls = space.classNamed(m.qualifiedClassName()).orElseThrow();
                String ours = normalised(decompiler.source(cls, m.selector(),
                        cls.compiledMethodAt(m.selector()).orElseThrow()));
                String guest = normalised(m.source().get());
                compared++;
                if (ours.equals(guest)) {
                    same++;
                } else {
                    String[] kind = firstDifference(ours, guest);
                    differences.computeIfAbsent("ours `" + kind[0] + "` guest `" + kind[1] + "`", k -> new ArrayList<>())
                            .add(m.key() + "\n  ours:  " + ours + "\n  guest: " + guest);
                }
            }
            double rate = (double) same / compared;
            double ours = decompileRate(space, decompiler, corpus);
            double guests = corpus.imageMethods().size() / (corpus.timings().decompile().toNanos() / 1e9);
            StringBuilder report = new StringBuilder(String.format("%s: %d of %d methods decompile to the guest"
                    + " Decompiler's text (%.2f%%); decompiling every method: ours %.0f methods/s, the guest's own"
                    + " Decompiler in the real VM %.0f methods/s (%.1fx)%n", imageName, same, compared, 100 * rate,
                    ours, guests, ours / guests));
            List<Map.Entry<String, List<String>>> kinds = new ArrayList<>(differences.entrySet());
            kinds.sort((a, b) -> b.getValue().size() - a.getValue().size());
            kinds.stream().limit(SHOWN_KINDS).forEach(d -> report.append(String.format("  %5d  %s%n",
                    d.getValue().size(), d.getKey())));
            kinds.stream().limit(SHOWN_KINDS).forEach(d -> {
                report.append("--- ").append(d.getKey()).append('\n');
                d.getValue().stream().limit(EXAMPLES).forEach(x -> report.append(x).append('\n'));
            });
            System.out.println(report);
            assertThat(rate).as(report.toString()).isGreaterThanOrEqualTo(floor);
        }
    }

    /** Methods per second decompiling every method of the corpus to text: the fastest of a few passes. */
    private static double decompileRate(ObjectSpace space, Decompiler decompiler, GuestCorpus corpus) {
        List<ClassMirror> classes = new ArrayList<>();
        List<String> selectors = new ArrayList<>();
        List<MethodMirror> methods = new ArrayList<>();
        for (GuestMethod m : corpus.imageMethods()) {
            ClassMirror cls = space.classNamed(m.qualifiedClassName()).orElseThrow();
            classes.add(cls);
            selectors.add(m.selector());
            methods.add(cls.compiledMethodAt(m.selector()).orElseThrow());
        }
        long nanos = Long.MAX_VALUE;
        for (int pass = 0; pass < TIMED_PASSES; pass++) {
            long start = System.nanoTime();
            for (int i = 0; i < methods.size(); i++) {
                decompiler.source(classes.get(i), selectors.get(i), methods.get(i));
            }
            nanos = Math.min(nanos, System.nanoTime() - start);
        }
        return methods.size() / (nanos / 1e9);
    }

    private static String normalised(String source) {
        return source.strip().replaceAll("\\s+", " ");
    }

    /** The tokens around the first place the two texts differ: ours, then the guest's. */
    private static String[] firstDifference(String ours, String guest) {
        String[] a = ours.split(" ");
        String[] b = guest.split(" ");
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) {
            i++;
        }
        return new String[] {tokens(a, i), tokens(b, i)};
    }

    private static String tokens(String[] words, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(words.length, from + CONTEXT_TOKENS); i++) {
            sb.append(i == from ? "" : " ").append(words[i]);
        }
        return sb.toString();
    }
}
