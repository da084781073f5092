package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ozw compile IMAGE CLASS 'SOURCE' --out FILE}: compiles a method in the host, installs it, saves. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a method for a class (\"Foo class\" for the class side), install it and save the image.")
public final class CompileCommand extends ImageCommand {

    @Parameters(index = "1", paramLabel = "CLASS", description = "The class, e.g. Point or \"Point class\".")
    String className;

    @Parameters(index = "2", paramLabel = "SOURCE", description = "The method source: pattern, temporaries, statements.")
    String source;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to save the image.")
    Path out;

    @Override
    void checkArguments() {
        OutputFile.check(out).notTheImage(image, false);
    }

    @Override
    void run(ObjectSpace space) {
        ClassMirror cls = space.classNamed(className).orElseThrow(() -> BadInputException.because(image + ": no class named "
                + className));
        MethodMirror method = Compiler.on(space).install(cls, source);
        space.save(out);
        PrintWriter w = out();
        w.printf("installed %s>>%s (%d literals, %d bytecodes) and saved %s%n", cls.name(),
                space.methodLocation(method).map(l -> l.selector()).orElse("?"), method.numLiterals(),
                method.bytecodes().length, out);
        w.print(method.disassemble());
    }
}
