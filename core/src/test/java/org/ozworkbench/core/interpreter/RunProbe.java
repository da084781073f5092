package org.ozworkbench.core.interpreter;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.mirror.ContextMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;

class RunProbe {
    @Test
    void probe() {
        String which = System.getProperty("probe.image", "scratch");
        Path image = which.equals("scratch") ? Images.scratch() : Images.assumeImage(which);
        ObjectSpace space = ObjectSpace.load(image);
        var obj = space.classNamed(System.getProperty("probe.object", "Object")).orElseThrow();
        space.execution().breakOn(space.classNamed("Debugger class").orElseThrow().compiledMethodAt("openContext:label:contents:").orElseThrow());
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            RunResult r = space.run(Budget.time(Duration.ofMillis(1000)));
            System.out.println("PROBE " + r + " " + (System.nanoTime() - t) / 1000000 + " ms");
            ProcessMirror active = space.scheduler().activeProcess();
            System.out.println("PROBE active " + active.describe());
            active.suspendedContext().ifPresent(c -> c.senderChain(25).forEach(f -> System.out.println("PROBE   " + f.frameDescription())));
        }
    }
}
