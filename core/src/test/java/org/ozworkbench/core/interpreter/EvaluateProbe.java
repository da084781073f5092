package org.ozworkbench.core.interpreter;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;

class EvaluateProbe {
    @Test
    void probe() {
        String which = System.getProperty("probe.image", "scratch");
        Path image = which.equals("scratch") ? Images.scratch() : Images.assumeImage(which);
        ObjectSpace space = ObjectSpace.load(image);
        String file = System.getProperty("probe.file");
        String[] exprs;
        try {
            exprs = file != null ? java.nio.file.Files.readAllLines(Path.of(file)).toArray(String[]::new)
                    : System.getProperty("probe.exprs", "3 + 4").split(";;");
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
        for (String e : exprs) {
            long t = System.nanoTime();
            Evaluation r = space.evaluate(e);
            System.out.println("PROBE " + e + " => " + r.text() + "   [" + r.bytecodes() + " bc, "
                    + (System.nanoTime() - t) / 1000000 + " ms] " + (r instanceof Evaluation.GuestError g ? g.stack() : ""));
        }
    }
}
