package org.ozworkbench.core.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ozworkbench.core.compiler.chunk.Chunk;
import org.ozworkbench.core.compiler.chunk.ChunkReader;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Files a chunk-format file ({@code .st}, {@code .cs}) into a space: every method is compiled
 * first, and only when all of them compile are they installed, so a bad file leaves the guest
 * unchanged. Class definitions must describe classes that exist with the same shape (a
 * redefinition that keeps the instance variables); creating classes is not supported yet and is
 * refused, naming the class. DoIts cannot run in the host yet and are refused too, except
 * comments.
 */
public final class FileIn {
    /** What a file-in installed. */
    public record Result(List<MethodMirror> installed, List<String> descriptions) {
    }

    /** A file-in refused before anything was installed: which file, which line, why. */
    public static final class FileInError extends RuntimeException {
        private FileInError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectSpace space;

    public FileIn(ObjectSpace space) {
        this.space = space;
    }

    public Result fileIn(String text, String fileName) {
        List<Chunk> chunks = ChunkReader.read(text, fileName);
        Compiler compiler = Compiler.on(space);
        List<ClassMirror> classes = new ArrayList<>();
        List<CompiledMethodSpec> specs = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (chunk instanceof Chunk.MethodChunk m) {
                String className = m.isMeta() ? m.className() + " class" : m.className();
                ClassMirror cls = space.classNamed(className).orElseThrow(() -> error(fileName, m.line(),
                        "unknown class " + className));
                try {
                    specs.add(compiler.compile(cls, m.source()));
                } catch (SyntaxError | CompileError e) {
                    throw new FileInError(fileName + ":" + (m.line() + lineOf(e) - 1) + ": in " + className + ": "
                            + e.getMessage().replaceFirst("^line \\d+:\\d+: ", ""), e);
                }
                classes.add(cls);
                descriptions.add(className + ">>" + specs.get(specs.size() - 1).selector());
            } else if (chunk instanceof Chunk.ClassDefinition d) {
                checkRedefinition(d, fileName);
            } else if (chunk instanceof Chunk.ClassSideDefinition d) {
                List<String> own = space.classNamed(d.className() + " class").map(ClassMirror::instanceVariableNames)
                        .orElseThrow(() -> error(fileName, d.line(), "unknown class " + d.className()));
                if (!own.equals(d.instanceVariableNames())) {
                    throw error(fileName, d.line(), "redefining " + d.className() + " class with instance variables "
                            + d.instanceVariableNames() + " would change its shape (it has " + own + ")");
                }
            } else if (chunk instanceof Chunk.DoItChunk d) {
                throw error(fileName, d.line(), "cannot evaluate a doIt in the host yet: "
                        + firstLine(d.source()));
            }
        }
        MethodInstaller installer = new MethodInstaller(space);
        List<MethodMirror> installed = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            installed.add(installer.install(specs.get(i), classes.get(i)));
        }
        return new Result(installed, descriptions);
    }

    private void checkRedefinition(Chunk.ClassDefinition d, String fileName) {
        Optional<ClassMirror> existing = space.classNamed(d.className());
        if (existing.isEmpty()) {
            throw error(fileName, d.line(), "class " + d.className() + " does not exist, and creating classes is not"
                    + " supported yet");
        }
        List<String> own = existing.get().instanceVariableNames();
        if (!own.equals(d.instanceVariableNames())) {
            throw error(fileName, d.line(), "redefining " + d.className() + " with instance variables "
                    + d.instanceVariableNames() + " would change its shape (it has " + own + ")");
        }
        String superName = existing.get().superclass().map(ClassMirror::name).orElse("");
        if (!superName.equals(d.superclassName().orElse(""))) {
            throw error(fileName, d.line(), "redefining " + d.className() + " under " + d.superclassName().orElse("nil")
                    + " would change its superclass (" + (superName.isEmpty() ? "nil" : superName) + ")");
        }
    }

    private static int lineOf(RuntimeException e) {
        return e instanceof CompileError c ? c.line() : e instanceof SyntaxError s ? s.line() : 1;
    }

    private static String firstLine(String source) {
        String trimmed = source.strip();
        int end = trimmed.indexOf('\n') < 0 ? trimmed.indexOf('\r') : trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end) + " ...";
    }

    private static FileInError error(String fileName, int line, String message) {
        return new FileInError(fileName + ":" + line + ": " + message, null);
    }
}
