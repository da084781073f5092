package org.ozworkbench.core.compiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ozworkbench.core.compiler.chunk.Chunk;
import org.ozworkbench.core.compiler.chunk.ChunkReader;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.memory.RunRecorder;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.Evaluation;
import org.ozworkbench.core.space.Execution;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.core.space.Surgery;

/**
 * Files a chunk-format file ({@code .st}, {@code .cs}) into a space, all or nothing: class
 * definitions create new classes (an existing class may only be redefined with the same shape),
 * methods are compiled and installed, and a failure anywhere undoes every change the file-in made.
 * DoIts run in the host's interpreter as part of the same surgery (their effects are membrane
 * changes: see {@link Execution#evaluateInSurgery}).
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
    private final Map<String, MethodHint> hints;
    private final Set<String> hinted = new HashSet<>();
    private long doItNanos;

    public FileIn(ObjectSpace space) {
        this(space, Map.of());
    }

    /**
     * A file-in that compiles each method {@code hints} names ({@code Class>>selector}, {@code Foo
     * class>>bar} for the class side) with its hint (a kernel spec's {@code methodHints}).
     */
    public FileIn(ObjectSpace space, Map<String, MethodHint> hints) {
        this.space = space;
        this.hints = Map.copyOf(hints);
    }

    /** The methods this file-in compiled with a hint so far, as {@code Class>>selector}. */
    public Set<String> hinted() {
        return Set.copyOf(hinted);
    }

    /**
     * Files {@code text} in, chunk by chunk: class definitions create their class (or must keep an
     * existing class's shape), methods are compiled and installed. The file-in is one surgery,
     * labelled {@code "file in <fileName>"}: if any chunk fails, every change it made is undone and
     * the error is thrown, the guest as before. Inside a surgery the caller opened, the file-in
     * joins it, and a failure aborts the caller's whole surgery.
     */
    public Result fileIn(String text, String fileName) {
        List<Chunk> chunks = ChunkReader.read(text, fileName);
        Optional<Surgery> open = space.openSurgery();
        if (open.isPresent()) {
            try {
                return apply(chunks, fileName);
            } catch (RuntimeException e) {
                open.get().abort("file-in of " + fileName + " failed: " + e.getMessage());
                throw e;
            }
        }
        try (Surgery s = space.beginSurgery("file in " + fileName)) {
            Result result = apply(chunks, fileName);
            s.commit();
            return result;
        }
    }

    /** The time this file-in's doIts ran in the host's interpreter so far, in nanoseconds (the rest compiled). */
    public long doItNanos() {
        return doItNanos;
    }

    private Result apply(List<Chunk> chunks, String fileName) {
        Compiler compiler = Compiler.on(space);
        MethodInstaller installer = new MethodInstaller(space);
        List<MethodMirror> installed = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (chunk instanceof Chunk.MethodChunk m) {
                String className = m.isMeta() ? m.className() + " class" : m.className();
                ClassMirror cls = space.classNamed(className).orElseThrow(() -> error(fileName, m.line(),
                        "unknown class " + className));
                CompiledMethodSpec spec;
                try {
                    spec = compiler.compile(cls, m.source());
                    MethodHint hint = hints.get(className + ">>" + spec.selector());
                    if (hint != null) {
                        spec = compiler.compile(cls, m.source(), hint);
                        hinted.add(className + ">>" + spec.selector());
                    }
                } catch (SyntaxError | CompileError e) {
                    throw new FileInError(fileName + ":" + (m.line() + lineOf(e) - 1) + ": in " + className + ": "
                            + e.getMessage().replaceFirst("^line \\d+:\\d+: ", ""), e);
                }
                installed.add(installer.install(spec, cls, m.source(), m.category()));
                descriptions.add(className + ">>" + spec.selector());
            } else if (chunk instanceof Chunk.ClassDefinition d) {
                if (space.classNamed(d.className()).isPresent()) {
                    redefine(d, fileName).ifPresent(descriptions::add);
                } else {
                    defineClass(d, fileName);
                    descriptions.add("class " + d.className());
                }
            } else if (chunk instanceof Chunk.ClassSideDefinition d) {
                List<String> own = space.classNamed(d.className() + " class").map(ClassMirror::ownSourceInstanceVariableNames)
                        .orElseThrow(() -> error(fileName, d.line(), "unknown class " + d.className()));
                if (!own.equals(d.instanceVariableNames())) {
                    throw error(fileName, d.line(), "redefining " + d.className() + " class with instance variables "
                            + d.instanceVariableNames() + " would change its shape (it has " + own + ")");
                }
            } else if (chunk instanceof Chunk.DoItChunk d) {
                descriptions.add("doIt at line " + d.line() + ": " + doIt(d, fileName));
            }
        }
        return new Result(installed, descriptions);
    }

    /**
     * Runs a doIt in the host's interpreter as part of the file-in's surgery: what the guest does
     * becomes membrane changes of it (journaled, undone if the file-in fails). A doIt that fails
     * in the guest, does not finish within {@link Execution#DEFAULT_BUDGET}, or does what a
     * surgery cannot record fails the file-in. Answers the printString of its value.
     */
    private String doIt(Chunk.DoItChunk d, String fileName) {
        Evaluation e;
        long start = System.nanoTime();
        try {
            e = space.execution().evaluateInSurgery(d.source(), Execution.DEFAULT_BUDGET);
        } catch (SyntaxError x) {
            throw new FileInError(fileName + ":" + (d.line() + lineOf(x) - 1) + ": in a doIt: "
                    + x.getMessage().replaceFirst("^line \\d+:\\d+: ", ""), x);
        } catch (CompileError x) {
            throw new FileInError(fileName + ":" + d.line() + ": in a doIt: " + x.getMessage(), x);
        } catch (RunRecorder.UnrecordableRun x) {
            throw error(fileName, d.line(), "doIt " + firstLine(d.source()) + ": " + x.getMessage());
        } finally {
            doItNanos += System.nanoTime() - start;
        }
        if (e instanceof Evaluation.GuestError g) {
            throw error(fileName, d.line(), "doIt " + firstLine(d.source()) + " failed in the guest: " + g.message()
                    + (g.stack().isEmpty() ? "" : " (in " + g.stack().get(0) + ")"));
        }
        if (e instanceof Evaluation.Unfinished u) {
            throw error(fileName, d.line(), "doIt " + firstLine(d.source()) + " did not finish: " + u.reason());
        }
        return e.text();
    }

    private void defineClass(Chunk.ClassDefinition d, String fileName) {
        String superName = d.superclassName().orElseThrow(() -> error(fileName, d.line(),
                "a class without superclass (" + d.className() + ") cannot be created here"));
        ClassMirror superclass = space.classNamed(superName).orElseThrow(() -> error(fileName, d.line(),
                "unknown superclass " + superName + " of " + d.className()));
        try {
            space.defineClass(d.className(), superclass, d.kind().keyword(), d.instanceVariableNames(),
                    d.classVariableNames(), d.category());
        } catch (RuntimeException e) {
            throw new FileInError(fileName + ":" + d.line() + ": cannot create " + d.className() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A definition of an existing class: the same shape, maybe with class variables added, which
     * are added as the guest's ClassBuilder would (answers what was done). Any other change of shape
     * (instance variables, superclass) would need every instance reshaped and is refused, and so is
     * dropping class variables, which methods may still read: the refusal says so, never silence.
     */
    private Optional<String> redefine(Chunk.ClassDefinition d, String fileName) {
        checkRedefinition(d, fileName);
        ClassMirror cls = space.classNamed(d.className()).orElseThrow();
        List<String> own = cls.classPool().map(p -> List.copyOf(p.associations().keySet())).orElse(List.of());
        List<String> dropped = own.stream().filter(n -> !d.classVariableNames().contains(n)).toList();
        if (!dropped.isEmpty()) {
            throw error(fileName, d.line(), "redefining " + d.className() + " without its class variables " + dropped
                    + " is not done by a file-in here (methods may still read them): keep them in the definition");
        }
        List<String> added = d.classVariableNames().stream().filter(n -> !own.contains(n)).toList();
        if (added.isEmpty()) {
            return Optional.empty();
        }
        try {
            space.addClassVariables(cls, added);
        } catch (RuntimeException e) {
            throw new FileInError(fileName + ":" + d.line() + ": cannot add class variables " + added + " to "
                    + d.className() + ": " + e.getMessage(), e);
        }
        return Optional.of("class variables " + String.join(" ", added) + " of " + d.className());
    }

    private void checkRedefinition(Chunk.ClassDefinition d, String fileName) {
        Optional<ClassMirror> existing = space.classNamed(d.className());
        List<String> own = existing.get().ownSourceInstanceVariableNames();
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
