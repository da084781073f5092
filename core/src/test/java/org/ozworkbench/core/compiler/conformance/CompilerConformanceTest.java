package org.ozworkbench.core.compiler.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.bytecode.Disassembler;
import org.ozworkbench.core.bytecode.LiteralNamer;
import org.ozworkbench.core.compiler.CompiledMethodSpec;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Issue 3's first acceptance point: for every method of the image, the source the guest's own
 * Decompiler gives, compiled by the guest's own Compiler inside the real VM and by ours, gives
 * the same header, literals and bytecodes. Every difference is grouped by kind and printed.
 */
class CompilerConformanceTest {
    private static final double TARGET = 0.99;
    private static final int EXAMPLES = 3;

    static Stream<String> images() {
        return Stream.of("Scratch.image", "mini-6502.image", "jittest-6502.image");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void ourCompilerMakesWhatTheGuestsOwnCompilerMakesFromTheSameSource(String imageName) {
        Path path = Images.assumeImage(imageName);
        GuestCorpus corpus = GuestCorpus.of(path);
        ObjectSpace space = ObjectSpace.load(path);
        Compiler compiler = Compiler.on(space);
        LiteralPrinter printer = new LiteralPrinter(space);
        Map<String, List<String>> differences = new LinkedHashMap<>();
        int compared = 0;
        int identical = 0;
        long nanos = 0;
        for (GuestMethod m : corpus.imageMethods()) {
            if (m.compiled().isEmpty()) {
                continue;
            }
            compared++;
            ClassMirror cls = space.classNamed(m.qualifiedClassName()).orElseThrow();
            CompiledMethodSpec ours;
            long start = System.nanoTime();
            try {
                ours = compiler.compile(cls, m.source().orElseThrow());
            } catch (RuntimeException e) {
                note(differences, "our compiler refused: " + firstWords(e.getMessage()), m.key() + ": " + e.getMessage());
                continue;
            } finally {
                nanos += System.nanoTime() - start;
            }
            String kind = difference(m.compiled().get(), ours, printer);
            if (kind == null) {
                identical++;
            } else {
                note(differences, kind, m.key() + "\n" + m.source().get() + "\n  guest: " + describe(m.compiled().get())
                        + "\n  ours:  " + describe(ours, printer));
            }
        }
        double ratio = compared == 0 ? 0 : (double) identical / compared;
        double ours = compared / (nanos / 1e9);
        double guest = corpus.imageMethods().size() / (corpus.timings().compile().toNanos() / 1e9);
        StringBuilder report = new StringBuilder(String.format("%s: %d of %d methods identical (%.2f%%); compile rate: "
                + "ours %.0f methods/s, the guest's own compiler in the real VM %.0f methods/s (%.1fx)%n", imageName,
                identical, compared, 100 * ratio, ours, guest, ours / guest));
        differences.forEach((kind, examples) -> {
            report.append(String.format("  %5d  %s%n", examples.size(), kind));
        });
        differences.forEach((kind, examples) -> {
            report.append("--- ").append(kind).append('\n');
            examples.stream().limit(EXAMPLES).forEach(e -> report.append(e).append('\n'));
        });
        System.out.println(report);
        assertThat(ratio).as(report.toString()).isGreaterThanOrEqualTo(TARGET);
    }

    private static String difference(GuestCode guest, CompiledMethodSpec ours, LiteralPrinter printer) {
        boolean sameBytes = Arrays.equals(guest.bytecodes(), ours.bytecodes());
        List<String> our = ours.literals().stream().map(printer::print).toList();
        boolean sameLiterals = guest.literals().size() == our.size();
        for (int i = 0; sameLiterals && i < our.size(); i++) {
            sameLiterals = LiteralPrinter.same(guest.literals().get(i), our.get(i));
        }
        boolean sameHeader = guest.header() == ours.header().encode();
        if (sameBytes && sameLiterals && sameHeader) {
            return null;
        }
        if (!sameBytes) {
            return guest.literals().size() != our.size() ? "bytecodes and literal count" : "bytecodes";
        }
        if (!sameLiterals) {
            return guest.literals().size() != our.size() ? "literal count" : "literals";
        }
        return "header only";
    }

    private static String describe(GuestCode code) {
        return "header " + Integer.toHexString(code.header()) + " literals " + code.literals() + "\n"
                + Disassembler.format(Disassembler.disassemble(code.bytecodes(), code.decodedHeader().initialPc(),
                LiteralNamer.of(code.literals()), false));
    }

    private static String describe(CompiledMethodSpec spec, LiteralPrinter printer) {
        List<String> literals = spec.literals().stream().map(printer::print).toList();
        return "header " + Integer.toHexString(spec.header().encode()) + " literals " + literals + "\n"
                + Disassembler.format(Disassembler.disassemble(spec.bytecodes(), spec.header().initialPc(),
                LiteralNamer.of(literals), false));
    }

    private static void note(Map<String, List<String>> differences, String kind, String example) {
        differences.computeIfAbsent(kind, k -> new ArrayList<>()).add(example);
    }

    private static String firstWords(String message) {
        String m = message == null ? "" : message.replaceAll("^line \\d+:\\d+: ", "");
        String[] words = m.split("\\s+");
        return String.join(" ", Arrays.copyOf(words, Math.min(4, words.length))).replaceAll("null", "");
    }
}
