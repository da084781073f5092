package org.ozworkbench.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.memory.Change;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.workbench.report.UnknownSelectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ozw compile IMAGE CLASS 'SOURCE' --out FILE}: compiles a method in the host, installs it, saves. */
@Command(name = "compile", mixinStandardHelpOptions = true, modelTransformer = SourceTextArguments.class,
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
        List<Change> changes = new ArrayList<>();
        space.addListener(changes::add);
        MethodMirror method = Compiler.on(space).install(cls, source);
        List<String> warnings = UnknownSelectors.warnings(space, changes);
        warnings.forEach(w -> err().println("ozw: warning: " + w));
        space.save(out);
        print(new Report(image.toString(), cls.name(), space.methodLocation(method).map(l -> l.selector()).orElse("?"),
                method.numLiterals(), method.bytecodes().length, out.toString(), method.disassemble(), warnings),
                CompileCommand::printText);
    }

    /**
     * What {@code ozw compile} did.
     *
     * @param image       the image compiled in
     * @param className   the class the method went into
     * @param selector    its selector
     * @param literals    its literal count
     * @param bytecodes   its bytecode count
     * @param out         the image saved
     * @param disassembly the method's bytecodes, one instruction a line
     * @param warnings    what the compiler warned about (sends of selectors no class implements)
     */
    record Report(String image, String className, String selector, int literals, int bytecodes, String out,
                  String disassembly, List<String> warnings) {
    }

    static void printText(Report r, PrintWriter w) {
        w.printf("installed %s>>%s (%d literals, %d bytecodes) and saved %s%n", r.className(), r.selector(),
                r.literals(), r.bytecodes(), r.out());
        w.print(r.disassembly());
    }
}
