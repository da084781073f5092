package org.ozworkbench.core.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;

/** A spec that cannot be bootstrapped is refused with one message naming its file and line. */
class BadSpecTest {
    @TempDir
    Path spec;

    @BeforeEach
    void copyTheKernel() throws IOException {
        try (Stream<Path> files = Files.list(KernelBootstrapTest.KERNEL_6502)) {
            for (Path f : files.toList()) {
                Files.copy(f, spec.resolve(f.getFileName()));
            }
        }
    }

    private void replace(String file, String old, String replacement) throws IOException {
        Path p = spec.resolve(file);
        String text = Files.readString(p);
        if (!text.contains(old)) {
            throw new IllegalStateException(file + " has no '" + old + "'");
        }
        Files.writeString(p, text.replace(old, replacement));
    }

    private void bootstrap() {
        try (ObjectSpace space = Bootstrap.build(KernelSpec.read(spec))) {
            space.toBytes();
        }
    }

    @Test
    void aSpecialClassNoFileDefines() throws IOException {
        replace("manifest", "class.semaphore = Semaphore", "class.semaphore = Semafore");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":37: class.semaphore names Semafore, which no file of the"
                        + " spec defines");
    }

    @Test
    void aSuperclassCycle() throws IOException {
        replace("classes.st", "Object subclass: #Magnitude", "Number subclass: #Magnitude");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("classes.st") + ":46: superclass cycle: Magnitude -> Number -> Magnitude");
    }

    @Test
    void aMethodThatDoesNotCompile() throws IOException {
        replace("numbers.st", "\t^self * (self - 1) factorial", "\t^self * (self - 1 factorial");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("numbers.st") + ":77: in Integer: expected ')' to close the parenthesis opened"
                        + " at line 3:10");
    }

    @Test
    void aDoItThatFailsInTheGuest() throws IOException {
        replace("boot.st", "Character initialize!", "Character initialize. 3 zork!");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("boot.st") + ":15: doIt Character initialize. 3 zork failed in the guest:"
                        + " doesNotUnderstand: #zork (in SmallInteger(Object)>>error: @64)");
    }

    @Test
    void aManifestNamingAnUnknownFormat() throws IOException {
        replace("manifest", "format = 6502", "format = 6503");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":5: unknown image format '6503': expected 6502, 6504 or 6505");
    }

    @Test
    void aCompactClassWithoutItsIndex() throws IOException {
        Files.writeString(spec.resolve("manifest"), "compactClasses = 1:CompiledMethod Array\n",
                StandardOpenOption.APPEND);
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":38: compactClasses: 'Array': expected index:ClassName with an"
                        + " index from 1 to 31");
    }

    @Test
    void aClassVariableNoClassDeclares() throws IOException {
        Files.writeString(spec.resolve("manifest"), "classVariables = values.st\n", StandardOpenOption.APPEND);
        Files.writeString(spec.resolve("values.st"), "Character CharacterTable := #(1 2)!\nKernel Missing := 3!\n");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("values.st") + ":2: Kernel Missing: no class of the spec declares this class"
                        + " variable");
    }

    @Test
    void aClassVariableValueThatIsNoLiteral() throws IOException {
        Files.writeString(spec.resolve("manifest"), "classVariables = values.st\n", StandardOpenOption.APPEND);
        Files.writeString(spec.resolve("values.st"), "Character CharacterTable := 3 + 4!\n");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("values.st") + ":1: Character CharacterTable: expected a literal or a class"
                        + " name, not 3 + 4");
    }

    @Test
    void aWindowThatIsNoSize() throws IOException {
        Files.writeString(spec.resolve("manifest"), "window = 800 by 600\n", StandardOpenOption.APPEND);
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":38: window = '800 by 600': expected WIDTHxHEIGHT, e.g."
                        + " 640x480");
    }

    @Test
    void aMethodHintThatIsNoOrderOfTheLiterals() throws IOException {
        Files.writeString(spec.resolve("manifest"), "methodHints = hints\n", StandardOpenOption.APPEND);
        Files.writeString(spec.resolve("hints"), "# a comment\nInteger>>factorial literals 0 0\n");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("hints") + ":2: literals: expected each index from 0 to 1 once");
    }

    @Test
    void aMethodHintForAMethodNoFileDefines() throws IOException {
        Files.writeString(spec.resolve("manifest"), "methodHints = hints\n", StandardOpenOption.APPEND);
        Files.writeString(spec.resolve("hints"), "Integer class>>zork float 0 16r7FF0000000000000\n");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("hints") + ":1: Integer class>>zork: no file of the spec defines this method");
    }

    @Test
    void aFloatHintForALiteralThatIsNoFloat() throws IOException {
        Files.writeString(spec.resolve("manifest"), "methodHints = hints\n", StandardOpenOption.APPEND);
        Files.writeString(spec.resolve("hints"), "Integer>>factorial float 0 16r7FF0000000000000\n");
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessageStartingWith(spec.resolve("numbers.st") + ":")
                .hasMessageEndingWith("in Integer: the hint gives literal 0 a Float's bits, but the method's literal 0"
                        + " is not a Float");
    }

    @Test
    void aClassFormatForAClassNoFileDefines() throws IOException {
        Files.writeString(spec.resolve("manifest"), "classFormat.Kernal = 128\n", StandardOpenOption.APPEND);
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":38: classFormat.Kernal names Kernal, which no file of the spec"
                        + " defines");
    }

    @Test
    void aSpecialObjectThatIsNoSymbol() throws IOException {
        Files.writeString(spec.resolve("manifest"), "specialObject.49 = aboutToReturn:through:\n", StandardOpenOption.APPEND);
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":38: specialObject.49 'aboutToReturn:through:': expected a Symbol"
                        + " (#name or #'text'), or an Array of Symbols and nils (#(nil #name))");
    }

    @Test
    void aSpecialObjectInASlotTheSeedFills() throws IOException {
        Files.writeString(spec.resolve("manifest"), "specialObject.21 = #foo\n", StandardOpenOption.APPEND);
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":38: specialObject.21: the seed fills that slot itself (from the"
                        + " classes and the contract)");
    }

    @Test
    void aSpecialObjectPastTheArraysSize() throws IOException {
        Files.writeString(spec.resolve("manifest"), "specialObjects.size = 52\nspecialObject.54 = #foo\n",
                StandardOpenOption.APPEND);
        assertThatThrownBy(this::bootstrap).isInstanceOf(SpecException.class)
                .hasMessage(spec.resolve("manifest") + ":39: specialObject.54: expected specialObject.N, N from 1 to the"
                        + " special objects array's size (52)");
    }
}
