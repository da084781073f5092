package org.ozworkbench.core.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.compiler.CompileError;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.ObjectSpace;

/** A corpus evaluated by our interpreter, in order, in one space loaded from the image. */
final class HostBatch {
    private HostBatch() {
    }

    /** Each expression's answer as the real VM batch writes it: printString, "Error: message", or why it did not finish. */
    static List<String> run(Path image, List<String> expressions) {
        ObjectSpace space = ObjectSpace.load(image);
        List<String> answers = new ArrayList<>();
        for (String expression : expressions) {
            answers.add(answer(space, expression));
        }
        return answers;
    }

    static String answer(ObjectSpace space, String expression) {
        Evaluation e;
        try {
            e = space.evaluate(expression);
        } catch (SyntaxError | CompileError notCompiled) {
            return RealVmBatch.COMPILE_ERROR;
        }
        if (e instanceof Evaluation.Value v) {
            return v.printString().orElse("(no printString: " + v.text() + ")");
        }
        if (e instanceof Evaluation.GuestError g) {
            return "Error: " + g.message();
        }
        return "Unfinished: " + e.text();
    }
}
