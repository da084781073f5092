package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.InterpreterBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench interpreter [IMAGE]}: the guest's tinyBenchmarks in the host's interpreter and in the real VM. */
@Command(name = "interpreter", mixinStandardHelpOptions = true, description = "Run the image's own tinyBenchmarks in the host's interpreter (after "
        + "warm-up runs) and in the real VM on the same image, and compare their bytecodes/s and sends/s.")
public final class InterpreterBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--warm-up", defaultValue = "5", description = "Untimed host runs first (default ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs on each side (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        if (warmUps < 0 || runs < 1) {
            throw BadInputException.because("--warm-up must be >= 0 and --runs >= 1");
        }
        InterpreterBenchmark.Result r = new InterpreterBenchmark(target.image(), warmUps, runs).run();
        PrintWriter out = spec.commandLine().getOut();
        String file = target.image().getFileName().toString();
        String date = LocalDate.now().toString();
        if (target.markdown) {
            out.printf("| %s on %s | %,.0f bytecodes/s | %,.0f bytecodes/s | %.2fx | %,.0f sends/s | %,.0f sends/s |"
                            + " %.2fx | medians of %d runs, host after %d warm-ups | %s |%n", r.expression(), file,
                    r.host().bytecodesPerSecond(), r.realVm().bytecodesPerSecond(), r.bytecodeRatio(),
                    r.host().sendsPerSecond(), r.realVm().sendsPerSecond(), r.sendRatio(), runs, warmUps, date);
        } else {
            out.printf("%-10s %16s %14s%n", "", "bytecodes/s", "sends/s");
            out.printf("%-10s %,16.0f %,14.0f%n", "host", r.host().bytecodesPerSecond(), r.host().sendsPerSecond());
            out.printf("%-10s %,16.0f %,14.0f%n", "real VM", r.realVm().bytecodesPerSecond(), r.realVm().sendsPerSecond());
            out.printf("%-10s %15.2fx %13.2fx%n", "ratio", r.bytecodeRatio(), r.sendRatio());
            out.printf("image: %s; the guest's '%s' timing itself; medians of %d runs on each side, the host's after %d"
                    + " warm-up runs in the same JVM; target: ratios >= 0.5%n", target.image(), r.expression(), runs, warmUps);
        }
        out.flush();
        return 0;
    }
}
