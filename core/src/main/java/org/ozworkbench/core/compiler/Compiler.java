package org.ozworkbench.core.compiler;

import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.parser.Dialect;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

/**
 * Compiles Smalltalk source for a class of a guest space, into the guest's own bytecode set.
 *
 * <pre>{@code
 * Compiler compiler = Compiler.on(space);
 * MethodMirror m = compiler.install(space.classNamed("Point").orElseThrow(), "double  ^self * 2");
 * }</pre>
 *
 * {@link #compile} touches nothing in the guest; {@link #install} creates the method and its
 * literals through the membrane and puts it in the class's method dictionary. A syntax error
 * ({@link org.ozworkbench.core.compiler.parser.SyntaxError}) or a {@link CompileError} leaves
 * the guest unchanged.
 */
public final class Compiler {
    private final ObjectSpace space;

    private Compiler(ObjectSpace space) {
        this.space = space;
    }

    public static Compiler on(ObjectSpace space) {
        return new Compiler(space);
    }

    /** The compiled form of a method source for {@code cls}, without changing the guest. */
    public CompiledMethodSpec compile(ClassMirror cls, String source) {
        return compile(cls, source, MethodHint.NONE);
    }

    /** The compiled form of a method source, with what {@code hint} says its source cannot (see {@link MethodHint}). */
    public CompiledMethodSpec compile(ClassMirror cls, String source, MethodHint hint) {
        return generate(cls, Parser.parseMethod(source, parserDialect()), false, hint);
    }

    /** The compiled form of a doIt (selector {@code DoIt}, answering its last statement's value). */
    public CompiledMethodSpec compileDoIt(ClassMirror receiverClass, String source) {
        return generate(receiverClass, Parser.parseDoIt(source, parserDialect()), true, MethodHint.NONE);
    }

    /** Compiles {@code source} and installs it in {@code cls}, replacing any method of that selector. */
    public MethodMirror install(ClassMirror cls, String source) {
        return install(cls, source, null);
    }

    /** Compiles and installs {@code source}, filed under {@code category} unless that is null. */
    public MethodMirror install(ClassMirror cls, String source, String category) {
        CompiledMethodSpec spec = compile(cls, source);
        return new MethodInstaller(space).install(spec, cls, source, category);
    }

    /** Compiles {@code source} and creates its method in the guest without installing it in {@code cls}. */
    public MethodMirror createMethod(ClassMirror cls, String source) {
        return new MethodInstaller(space).create(compile(cls, source), cls);
    }

    /** Compiles a doIt and creates (without installing) its method in the guest. */
    public MethodMirror createDoIt(ClassMirror receiverClass, String source) {
        return new MethodInstaller(space).create(compileDoIt(receiverClass, source), receiverClass);
    }

    private Dialect parserDialect() {
        return space.hasClosures() ? Dialect.PHARO : Dialect.SQUEAK;
    }

    /** Which guest compiler ours matches, from the image's format and dialect. */
    private CodeGenerator.Flavor flavor() {
        if (space.hasClosures()) {
            return CodeGenerator.Flavor.CLOSURES;
        }
        return space.contract().dialect().equals("squeak2") ? CodeGenerator.Flavor.SQUEAK2 : CodeGenerator.Flavor.SQUEAK3;
    }

    private CompiledMethodSpec generate(ClassMirror cls, MethodNode method, boolean doIt, MethodHint hint) {
        ClassScope scope = new GuestClassScope(space, cls);
        return CodeGenerator.generate(scope, method, doIt, flavor(), hint);
    }
}
