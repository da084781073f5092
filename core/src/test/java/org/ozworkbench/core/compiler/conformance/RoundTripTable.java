package org.ozworkbench.core.compiler.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest compiler's own round trip over a corpus, counted as in V3-FACTS ("Guest compiler round
 * trip"): of the image's methods (those the host patched left out), how many the guest decompiled,
 * recompiled, and recompiled to the same bytecodes and literal count, then also the same header,
 * then also the same literal printStrings. The recompiled methods that differ are counted by kind.
 */
record RoundTripTable(String image, int methods, int excluded, int decompiled, int recompiled,
                      int sameBytecodesAndNumLiterals, int sameHeaderToo, int sameLiteralsToo,
                      Map<Difference, Integer> differences, GuestTimings timings) {

    /** How a recompiled method differs from the original, first matching kind wins. */
    enum Difference {
        NUM_LITERALS("another number of literals"),
        LENGTH("bytecodes of another length"),
        LITERAL_ORDER("same length and literals, literal frame in another order"),
        BYTECODES("same length and literals, other bytecodes (e.g. temp numbering)"),
        BYTECODES_AND_LITERALS("same length, other bytecodes and literals"),
        HEADER("only the header"),
        LITERALS("only literal printStrings (nil-keyed super binding, primitive cache index, Float print)");

        private final String description;

        Difference(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    static RoundTripTable of(String image, GuestCorpus corpus) {
        int methods = 0;
        int decompiled = 0;
        int recompiled = 0;
        int sameCode = 0;
        int sameHeader = 0;
        int sameLiterals = 0;
        Map<Difference, Integer> differences = new HashMap<>();
        for (GuestMethod m : corpus.imageMethods()) {
            methods++;
            decompiled += m.isDecompiled() ? 1 : 0;
            if (m.compiled().isEmpty()) {
                continue;
            }
            recompiled++;
            GuestCode original = m.original();
            GuestCode compiled = m.compiled().get();
            boolean code = compiled.sameBytecodes(original) && compiled.numLiterals() == original.numLiterals();
            boolean header = code && compiled.header() == original.header();
            boolean literals = header && compiled.literals().equals(original.literals());
            sameCode += code ? 1 : 0;
            sameHeader += header ? 1 : 0;
            sameLiterals += literals ? 1 : 0;
            if (!literals) {
                differences.merge(classify(original, compiled), 1, Integer::sum);
            }
        }
        return new RoundTripTable(image, methods, corpus.methods().size() - methods, decompiled, recompiled, sameCode,
                sameHeader, sameLiterals, Map.copyOf(differences), corpus.timings());
    }

    static Difference classify(GuestCode original, GuestCode compiled) {
        if (original.numLiterals() != compiled.numLiterals()) {
            return Difference.NUM_LITERALS;
        }
        if (original.bytecodes().length != compiled.bytecodes().length) {
            return Difference.LENGTH;
        }
        if (!original.sameBytecodes(compiled)) {
            boolean sameLiterals = sorted(original.literals()).equals(sorted(compiled.literals()));
            if (sameLiterals && !original.literals().equals(compiled.literals())) {
                return Difference.LITERAL_ORDER;
            }
            return sameLiterals ? Difference.BYTECODES : Difference.BYTECODES_AND_LITERALS;
        }
        return original.header() != compiled.header() ? Difference.HEADER : Difference.LITERALS;
    }

    private static List<String> sorted(List<String> literals) {
        List<String> copy = new ArrayList<>(literals);
        copy.sort(null);
        return copy;
    }

    static String heading() {
        return "| image | methods | decompiled | recompiled | same bytecodes + numLiterals | + same header"
                + " | + same literals | guest decompile s | guest compile s | guest walk s |\n"
                + "|---|---|---|---|---|---|---|---|---|---|";
    }

    String row() {
        return String.format("| %s | %d%s | %d | %d | %d (%.1f %%) | %d | %d (%.1f %%) | %.1f | %.1f | %.1f |", image,
                methods, excluded == 0 ? "" : " (+" + excluded + " patched by the host)", decompiled, recompiled,
                sameBytecodesAndNumLiterals, percent(sameBytecodesAndNumLiterals), sameHeaderToo, sameLiteralsToo,
                percent(sameLiteralsToo), seconds(timings.decompile().toMillis()),
                seconds(timings.compile().toMillis()), seconds(timings.guest().toMillis()));
    }

    /** One line per kind of difference, most frequent first. */
    String differenceReport() {
        StringBuilder sb = new StringBuilder(image + ": recompiled but not identical: "
                + (recompiled - sameLiteralsToo) + "\n");
        differences.entrySet().stream().sorted(Map.Entry.<Difference, Integer>comparingByValue().reversed())
                .forEach(e -> sb.append(String.format("  %6d  %s%n", e.getValue(), e.getKey().description())));
        return sb.toString();
    }

    private double percent(int n) {
        return methods == 0 ? 0 : 100.0 * n / methods;
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
