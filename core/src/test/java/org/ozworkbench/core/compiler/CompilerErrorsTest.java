package org.ozworkbench.core.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.parser.SyntaxError;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.space.ObjectSpace;

class CompilerErrorsTest {
    private final byte[] original = read();
    private final ObjectSpace space = ObjectSpace.read(Images.scratch(), original);
    private final ClassMirror point = space.classNamed("Point").orElseThrow();

    private static byte[] read() {
        try {
            return Files.readAllBytes(Images.scratch());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSyntaxErrorNamesLineAndColumnWithACaretAndInstallsNothing() {
        String source = "foo: x\n  ^ [:y | y + x\n";

        assertThatThrownBy(() -> Compiler.on(space).install(point, source))
                .isInstanceOfSatisfying(SyntaxError.class, e -> {
                    assertThat(e.getMessage()).matches("line \\d+:\\d+: .*");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.caretReport()).contains("^");
                });
        assertThat(space.toBytes()).isEqualTo(original);
    }

    @Test
    void anUndeclaredVariableIsRefusedWithItsPlaceAndInstallsNothing() {
        assertThatThrownBy(() -> Compiler.on(space).install(point, "foo\n  ^ x + noSuchThing"))
                .isInstanceOfSatisfying(CompileError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("line 2:9: undeclared variable noSuchThing in Point");
                    assertThat(e.caretReport()).isEqualTo("  ^ x + noSuchThing\n        ^".replace("\n",
                            System.lineSeparator()));
                });
        assertThat(space.toBytes()).isEqualTo(original);
    }

    @Test
    void storingIntoAnArgumentOrAPseudoVariableIsRefused() {
        assertThatThrownBy(() -> Compiler.on(space).compile(point, "foo: a  a := 3"))
                .isInstanceOf(CompileError.class).hasMessageContaining("Cannot store into a");
        assertThatThrownBy(() -> Compiler.on(space).compile(point, "foo  self := 3"))
                .isInstanceOf(SyntaxError.class).hasMessageContaining("cannot store into 'self'");
    }

    @Test
    void aCompiledMethodIsInstalledWithItsInstanceVariablesAndSelectors() {
        MethodMirror m = Compiler.on(space).install(point, "ozwSum  ^ x + y");

        assertThat(point.compiledMethodAt("ozwSum")).contains(m);
        assertThat(m.disassemble()).contains("pushRcvr: 0", "pushRcvr: 1", "send: + (special)", "returnTop");
    }

    @Test
    void aFileInWithOneBadMethodInstallsNoneOfItsMethods() {
        String file = "!Point methodsFor: 'ozw'!\rozwOne\r  ^ 1! !\r!Point methodsFor: 'ozw'!\rozwTwo\r  ^ undefinedThing! !\r";

        assertThatThrownBy(() -> new FileIn(space).fileIn(file, "bad.st"))
                .isInstanceOf(FileIn.FileInError.class)
                .hasMessageContaining("bad.st:").hasMessageContaining("undeclared variable undefinedThing");
        assertThat(point.compiledMethodAt("ozwOne")).isEmpty();
        assertThat(space.toBytes()).isEqualTo(original);
    }

    @Test
    void aFileInThatCreatesAClassThenFailsUndoesTheClassToo() {
        String file = "Object subclass: #OzwTemporary\r\tinstanceVariableNames: 'a'\r\tclassVariableNames: ''\r"
                + "\tpoolDictionaries: ''\r\tcategory: 'Ozw'!\r!OzwTemporary methodsFor: 'x'!\rgood\r  ^ a! !\r"
                + "!OzwTemporary methodsFor: 'x'!\rbad\r  ^ b! !\r";

        assertThatThrownBy(() -> new FileIn(space).fileIn(file, "partial.st"))
                .hasMessageContaining("partial.st:").hasMessageContaining("undeclared variable b");

        assertThat(space.classNamed("OzwTemporary")).isEmpty();
        assertThat(space.globalNamed("OzwTemporary")).isEmpty();
        assertThat(space.toBytes()).isEqualTo(original);
    }

    @Test
    void aFileInOfAnUnknownClassOrAShapeChangeIsRefused() {
        String unknown = "!NoSuchClass methodsFor: 'x'!\rfoo\r  ^ 1! !\r";
        String reshaped = "Object subclass: #Point\r\tinstanceVariableNames: 'x y z'\r\tclassVariableNames: ''\r"
                + "\tpoolDictionaries: ''\r\tcategory: 'Graphics-Primitives'!\r";

        assertThatThrownBy(() -> new FileIn(space).fileIn(unknown, "a.st")).hasMessageContaining("unknown class NoSuchClass");
        assertThatThrownBy(() -> new FileIn(space).fileIn(reshaped, "b.st")).hasMessageContaining("would change its shape");
        assertThat(space.toBytes()).isEqualTo(original);
    }

    @Test
    void aFileInInstallsMethodsOnBothSides() {
        String file = "!Point methodsFor: 'ozw'!\rozwDouble\r  ^ self * 2! !\r!Point class methodsFor: 'ozw'!\r"
                + "ozwOrigin\r  ^ self x: 0 y: 0! !\r";

        FileIn.Result result = new FileIn(space).fileIn(file, "good.st");

        assertThat(result.descriptions()).containsExactly("Point>>ozwDouble", "Point class>>ozwOrigin");
        assertThat(space.classNamed("Point class").orElseThrow().compiledMethodAt("ozwOrigin")).isPresent();
    }
}
