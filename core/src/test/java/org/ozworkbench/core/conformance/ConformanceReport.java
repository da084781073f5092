package org.ozworkbench.core.conformance;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One image's corpus answered by both sides, compared: identical, different, or no answer from
 * the real VM (it stalled or died on that expression).
 */
record ConformanceReport(String image, List<String> expressions, List<String> host, List<Optional<String>> realVm) {
    ConformanceReport {
        expressions = List.copyOf(expressions);
        host = List.copyOf(host);
        realVm = List.copyOf(realVm);
        if (host.size() != expressions.size() || realVm.size() != expressions.size()) {
            throw new IllegalArgumentException("one answer per expression on each side");
        }
    }

    int size() {
        return expressions.size();
    }

    int identical() {
        return (int) IntStream.range(0, size()).filter(this::isIdentical).count();
    }

    int noAnswer() {
        return (int) realVm.stream().filter(Optional::isEmpty).count();
    }

    int different() {
        return size() - identical() - noAnswer();
    }

    /** Expressions both sides answered with an error (guest error or compile error). */
    int errors() {
        return (int) IntStream.range(0, size()).filter(i -> isIdentical(i) && isError(host.get(i))).count();
    }

    double percentIdentical() {
        return size() == 0 ? 0 : 100.0 * identical() / size();
    }

    private boolean isIdentical(int i) {
        return realVm.get(i).map(host.get(i)::equals).orElse(false);
    }

    private static boolean isError(String answer) {
        return answer.startsWith("Error: ") || answer.equals(RealVmBatch.COMPILE_ERROR);
    }

    /** The counts, then every expression whose answers are not identical with both answers. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %d expressions, %d identical (%.2f%%), %d different, %d without an answer "
                + "from the real VM; %d of the identical answers are errors%n", image, size(), identical(),
                percentIdentical(), different(), noAnswer(), errors()));
        for (int i = 0; i < size(); i++) {
            if (!isIdentical(i)) {
                out.append(String.format("#%d %s%n    host:    %s%n    real VM: %s%n", i + 1, escape(expressions.get(i)),
                        escape(host.get(i)), realVm.get(i).map(ConformanceReport::escape).orElse("(no answer)")));
            }
        }
        return out.toString();
    }

    /** Every expression with the host's answer, marked where the real VM's differs. */
    String renderAll() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            out.append(String.format("#%d %s%n    %s %s%n", i + 1, escape(expressions.get(i)), isIdentical(i) ? "=" : "host:",
                    escape(host.get(i))));
            if (!isIdentical(i)) {
                out.append("    real VM: ").append(realVm.get(i).map(ConformanceReport::escape).orElse("(no answer)"))
                        .append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
