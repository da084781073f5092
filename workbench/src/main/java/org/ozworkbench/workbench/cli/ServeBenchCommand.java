package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.ozworkbench.workbench.bench.ServeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ozw bench serve [IMAGE]}: API latency under concurrent clients, beside one-shot commands. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Time ozw serve's API (a class, a method, an object) under concurrent clients:"
        + " median and p99 latency, requests per second, beside the same answer from a one-shot ozw command.")
public final class ServeBenchCommand implements Callable<Integer> {
    private static final double P99 = 0.99;

    @Spec
    CommandSpec spec;

    @Mixin
    BenchTarget target;

    @Option(names = "--clients", defaultValue = "50", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "40", description = "Requests per client and question"
            + " (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--one-shot-runs", defaultValue = "3", description = "Runs of each one-shot command"
            + " (default ${DEFAULT-VALUE}; 0: none).")
    int oneShotRuns;

    @Override
    public Integer call() throws Exception {
        if (clients <= 0 || requests <= 0 || oneShotRuns < 0) {
            throw BadInputException.because("--clients and --requests must be positive, --one-shot-runs 0 or more");
        }
        List<ServeBenchmark.Result> results = BenchTarget.inTemporaryFolder("ozw-bench-serve",
                work -> new ServeBenchmark(target.image(), clients, requests, oneShotRuns, work).run());
        PrintWriter out = spec.commandLine().getOut();
        String date = LocalDate.now().toString();
        for (ServeBenchmark.Result r : results) {
            String oneShot = r.oneShot().map(s -> String.format("%.0f ms", s.medianMillis())).orElse("-");
            if (target.markdown) {
                out.printf("| %s | %.1f ms | %.1f ms | %.0f/s | %s | %d clients x %d | %s |%n", r.question().name(),
                        r.latency().medianMillis(), r.latency().percentileMillis(P99), r.perSecond(), oneShot, clients,
                        requests, date);
            } else {
                out.printf("%-36s median %6.1f ms  p99 %6.1f ms  %7.0f requests/s  one-shot ozw %s%n",
                        r.question().name(), r.latency().medianMillis(), r.latency().percentileMillis(P99),
                        r.perSecond(), oneShot);
            }
        }
        if (!target.markdown) {
            out.printf("%d clients x %d requests per question on %s; one-shot: 'ozw %s' in a cold JVM%n", clients,
                    requests, target.image(), "classes|methods|object IMAGE ... --json");
        }
        out.flush();
        return 0;
    }
}
