package org.ozworkbench.core.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.boot.BootScript;
import org.ozworkbench.core.compiler.Compiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;

/**
 * Methods compiled by our compiler, installed through the membrane, run by the real VM: each case
 * installs methods, then one boot process evaluates every case's expression (guarded by
 * ifError:) and writes the printStrings, one a line. On Scratch (pre-closure BlockContexts) and on
 * Candle (closures, which has no compiler of its own).
 */
class CompiledCodeOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** One case: methods to install ("Class>>source"), an expression, the printString expected. */
    record Case(String name, List<String> methods, String expression, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case of(String name, String expression, String expected, String... methods) {
        return new Case(name, List.of(methods), expression, expected);
    }

    /** Class names as Candle spells them. */
    private static final Map<String, String> CANDLE_NAMES = Map.of("Object", "PCObject", "UndefinedObject",
            "PCUndefinedObject", "SmallInteger", "PCSmallInteger", "OrderedCollection", "PCOrderedCollection",
            "Array", "PCArray", "String", "PCString", "Symbol", "PCCharacter", "OtherTable", "CharacterTable");

    static List<Case> cases() {
        return List.of(
                of("ifTrue:ifFalse: for value", "nil ozwIf: 3", "'small'",
                        "UndefinedObject>>ozwIf: n  ^ n > 5 ifTrue: ['big'] ifFalse: ['small']"),
                of("ifTrue: for effect", "nil ozwIfEffect: 7", "10",
                        "UndefinedObject>>ozwIfEffect: n  | r | r := 0. n > 5 ifTrue: [r := 10]. ^ r"),
                of("ifFalse: answering nil", "nil ozwIfFalse", "nil",
                        "UndefinedObject>>ozwIfFalse  ^ true ifFalse: [1]"),
                of("and: / or:", "nil ozwAnd: 4", "'yes'",
                        "UndefinedObject>>ozwAnd: n  ^ ((n > 1 and: [n < 5]) or: [false]) ifTrue: ['yes'] ifFalse: ['no']"),
                of("whileTrue: loop", "nil ozwWhile", "55",
                        "UndefinedObject>>ozwWhile  | i sum | i := 0. sum := 0. [i < 10] whileTrue: [i := i + 1. sum := sum + i]. ^ sum"),
                of("whileFalse", "nil ozwWhileFalse", "4",
                        "UndefinedObject>>ozwWhileFalse  | i | i := 0. [(i := i + 1) > 3] whileFalse. ^ i"),
                of("to:do: with a computed limit", "nil ozwToDo: 4", "30",
                        "UndefinedObject>>ozwToDo: n  | sum | sum := 0. 1 to: n + 0 do: [:k | sum := sum + (k * k)]. ^ sum"),
                of("to:by:do: downwards", "nil ozwDown", "15",
                        "UndefinedObject>>ozwDown  | sum | sum := 0. 5 to: 1 by: -1 do: [:k | sum := sum + k]. ^ sum"),
                of("a block with arguments, valued", "nil ozwBlock", "7",
                        "UndefinedObject>>ozwBlock  | add | add := [:a :b | a + b]. ^ add value: 3 value: 4"),
                of("a block reading and writing an outer temporary", "nil ozwCounter", "3",
                        "UndefinedObject>>ozwCounter  | n inc | n := 0. inc := [n := n + 1]. inc value. inc value. inc value. ^ n"),
                of("non-local return from a block", "nil ozwDetect", "20",
                        "UndefinedObject>>ozwDetect  #(1 2 3) do: [:e | e = 2 ifTrue: [^ e * 10]]. ^ 0"),
                of("nested blocks", "nil ozwNested", "9",
                        "UndefinedObject>>ozwNested  | total | total := 0. #(1 2) do: [:a | #(1 2) do: [:b | a = b ifTrue: [total := total + (a * 3)]]]. ^ total"),
                of("cascade", "nil ozwCascade", "3",
                        "UndefinedObject>>ozwCascade  | c | c := OrderedCollection new. c add: 1; add: 2; add: 3. ^ c size"),
                of("super send", "nil ozwSuper", "11",
                        "Object>>ozwSuper  ^ 1",
                        "UndefinedObject>>ozwSuper  ^ super ozwSuper + 10"),
                of("a primitive that succeeds", "3 ozwAdd: 4", "7",
                        "SmallInteger>>ozwAdd: x  <primitive: 1> ^ 'failed'"),
                of("a primitive that fails runs the fallback code", "3 ozwAdd: nil", "'failed'",
                        "SmallInteger>>ozwAdd: x  <primitive: 1> ^ 'failed'"),
                of("literal arrays and symbols", "nil ozwLiterals", "13",
                        "UndefinedObject>>ozwLiterals  ^ (#(1 $a 'str' #sym #(2 3)) at: 5) last"
                                + " + ((#(1 $a 'str' #sym) at: 4) == #sym ifTrue: [10] ifFalse: [0])"),
                of("a new selector calling another new selector", "12 ozwDouble ozwDouble", "48",
                        "SmallInteger>>ozwDouble  ^ self * 2"),
                of("large integer arithmetic", "nil ozwLarge", "1073741824",
                        "UndefinedObject>>ozwLarge  ^ 1073741823 + 1"),
                of("an instance variable read and written", "nil ozwPoint", "5",
                        "Object>>ozwPoint  | p | p := OrderedCollection new. p add: 5. ^ p first"),
                of("a class variable written and read", "Symbol ozwClassVariable", "42",
                        "Symbol class>>ozwClassVariable  | old r | old := OtherTable. OtherTable := 42."
                                + " r := OtherTable. OtherTable := old. ^ r"),
                of("thisContext", "nil ozwContext", "false",
                        "UndefinedObject>>ozwContext  ^ thisContext isNil"),
                of("a deep expression needing a large frame", "nil ozwDeep", "45",
                        "UndefinedObject>>ozwDeep  ^ 1 + (2 + (3 + (4 + (5 + (6 + (7 + (8 + (9 + (0 + 0)))))))))"));
    }

    static Stream<String> images() {
        return Stream.of("Scratch.image", "candle-6505.image");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void methodsOurCompilerInstalledRunInTheRealVmAndAnswerWhatSmalltalkSays(String imageName) {
        Path path = Images.assumeImage(imageName);
        ObjectSpace space = ObjectSpace.load(path);
        boolean candle = space.contract().dialect().equals("candle");
        Compiler compiler = Compiler.on(space);
        StringBuilder probe = new StringBuilder("ozwProbe  | out | out := ''.\n");
        for (Case c : cases()) {
            for (String m : c.methods()) {
                String[] parts = m.split(">>", 2);
                ClassMirror cls = space.classNamed(rename(parts[0], candle)).orElseThrow();
                compiler.install(cls, rename(parts[1], candle));
            }
            probe.append("out := out , ([(").append(rename(c.expression(), candle))
                    .append(") printString] ifError: [:m :r | 'ERROR ' , m printString]) , '|'.\n");
        }
        probe.append("^ out");
        ClassMirror nilClass = space.nilObject().classMirror();
        compiler.install(nilClass, probe.toString());
        Path marker = dir.resolve("compiled.marker");
        BootScript script = BootScript.on(space, marker);
        script.code().pushNil().send("ozwProbe", 0);
        script.installAsActiveProcess(space.scheduler().activeProcess().priority());
        Path image = dir.resolve(imageName);
        space.save(image);

        String answer = RealVm.locate().boot(image, marker, TIMEOUT).markerOrFail().replaceFirst("[\\r\\n]+$", "");

        String[] results = answer.split("\\|", -1);
        List<String> expected = new ArrayList<>();
        for (Case c : cases()) {
            expected.add(c.name() + " = " + c.expected());
        }
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < cases().size(); i++) {
            actual.add(cases().get(i).name() + " = " + (i < results.length ? results[i] : "<missing>"));
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void aProcessCreatedFromSourceInTheHostRunsInTheRealVm() {
        ObjectSpace space = ObjectSpace.load(Images.scratch());
        Path marker = dir.resolve("doit.marker");
        String doIt = "| f | f := StandardFileStream fileNamed: '" + marker.toAbsolutePath() + "'.\n"
                + "f nextPutAll: ((1 to: 5) collect: [:i | i * i]) printString; close.\n"
                + "Smalltalk quitPrimitive";

        space.createProcessWithPriority(5, doIt).installAsActiveProcess();
        Path image = dir.resolve("doit.image");
        space.save(image);

        assertThat(RealVm.locate().boot(image, marker, TIMEOUT).markerOrFail()).isEqualTo("(1 4 9 16 25)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("squeakImages")
    void aClassFiledInFromAChunkFileIsCreatedAndItsMethodsRunInTheRealVm(String imageName) {
        Path path = Images.assumeImage(imageName);
        ObjectSpace space = ObjectSpace.load(path);
        if (space.contract().dialect().equals("squeak2")) {
            org.ozworkbench.core.boot.NamedFilePrimitives.install(space);
        }
        String file = "Object subclass: #OzwCounter\r\tinstanceVariableNames: 'count step'\r"
                + "\tclassVariableNames: 'Created'\r\tpoolDictionaries: ''\r\tcategory: 'Ozw-Tests'!\r\r"
                + "!OzwCounter methodsFor: 'counting'!\rinit\r\tcount := 0. step := 2! !\r"
                + "!OzwCounter methodsFor: 'counting'!\rbump\r\tcount := count + step. ^ count! !\r"
                + "!OzwCounter class methodsFor: 'instance creation'!\rnew\r\tCreated := (Created ifNil: [0]) + 1."
                + " ^ super new init! !\r"
                + "!OzwCounter class methodsFor: 'instance creation'!\rcreated\r\t^ Created! !\r";
        new org.ozworkbench.core.compiler.FileIn(space).fileIn(file, "counter.st");
        Path marker = dir.resolve("counter.marker");
        BootScript script = BootScript.on(space, marker);
        Compiler.on(space).install(space.nilObject().classMirror(), "ozwCounterProbe  | c |"
                + " c := OzwCounter new. c bump. c bump. OzwCounter new."
                + " ^ c bump printString , ' ' , OzwCounter created printString , ' ' , (Smalltalk at: #OzwCounter) name"
                + " , ' ' , OzwCounter category , ' ' , (OzwCounter organization categoryOfElement: #bump)"
                + " , ' ' , (Object subclasses includes: OzwCounter) printString");
        script.code().pushNil().send("ozwCounterProbe", 0);
        script.installAsActiveProcess(space.scheduler().activeProcess().priority());
        Path image = dir.resolve(imageName);
        space.save(image);

        String answer = RealVm.locate().boot(image, marker, TIMEOUT).markerOrFail();

        assertThat(answer).isEqualTo("6 2 OzwCounter Ozw-Tests counting true");
        assertThat(space.classNamed("OzwCounter").orElseThrow().category()).contains("Ozw-Tests");
    }

    static Stream<String> squeakImages() {
        return Stream.of("Scratch.image", "mini-6502.image");
    }

    private static String rename(String source, boolean candle) {
        if (!candle) {
            return source;
        }
        String renamed = source;
        for (Map.Entry<String, String> e : CANDLE_NAMES.entrySet()) {
            renamed = renamed.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
        }
        return renamed;
    }
}
