package org.ozworkbench.workbench.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ozworkbench.core.interpreter.Budget;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.workbench.realvm.RealVmEvaluation;

/**
 * The guest's own tinyBenchmarks (bytecodes/s from its sieve, sends/s from benchFib), run by the
 * host's interpreter in this JVM and by the real VM on the same image, in the same run. The guest
 * times itself with its millisecond clock, so both sides are measured by the same code.
 */
public final class InterpreterBenchmark {
    private static final Pattern FIGURES = Pattern.compile("'?(\\d+) bytecodes/sec; (\\d+) sends/sec'?");
    private static final Duration REAL_VM_TIMEOUT = Duration.ofSeconds(120);

    /** One side's figures: medians of its runs, and every run's pair. */
    public record Rates(double bytecodesPerSecond, double sendsPerSecond, List<long[]> runs) {
        static Rates of(List<long[]> runs) {
            return new Rates(median(runs, 0), median(runs, 1), List.copyOf(runs));
        }

        private static double median(List<long[]> runs, int which) {
            long[] values = runs.stream().mapToLong(r -> r[which]).sorted().toArray();
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
        }
    }

    public record Result(String expression, Rates host, Rates realVm, int warmUps) {
        public double bytecodeRatio() {
            return host.bytecodesPerSecond() / realVm.bytecodesPerSecond();
        }

        public double sendRatio() {
            return host.sendsPerSecond() / realVm.sendsPerSecond();
        }
    }

    private final Path image;
    private final int warmUps;
    private final int runs;

    public InterpreterBenchmark(Path image, int warmUps, int runs) {
        this.image = image;
        this.warmUps = warmUps;
        this.runs = runs;
    }

    /** The expression that runs the image's own tinyBenchmarks: Candle keeps it on its system class. */
    static String expressionFor(ObjectSpace space) {
        return space.classNamed("PCSystem").isPresent() ? "PCSystem tinyBenchmarks" : "1 tinyBenchmarks";
    }

    public Result run() {
        RealVm vm = RealVm.locate();
        String expression;
        List<long[]> host = new ArrayList<>();
        try (ObjectSpace space = ObjectSpace.load(image)) {
            expression = expressionFor(space);
            for (int i = 0; i < warmUps + runs; i++) {
                Evaluation e = space.execution().evaluate(expression, Budget.time(Duration.ofMinutes(2)));
                long[] figures = parse(e.text(), "the host's interpreter");
                if (i >= warmUps) {
                    host.add(figures);
                }
            }
        }
        List<long[]> real = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (ObjectSpace fresh = ObjectSpace.load(image)) {
                real.add(parse(RealVmEvaluation.evaluate(vm, fresh, expression, REAL_VM_TIMEOUT), "the real VM"));
            }
        }
        return new Result(expression, Rates.of(host), Rates.of(real), warmUps);
    }

    private static long[] parse(String answer, String who) {
        Matcher m = FIGURES.matcher(answer.strip());
        if (!m.matches()) {
            throw new IllegalStateException(who + " answered no tinyBenchmarks figures: " + answer);
        }
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
}
