package org.ozworkbench.core.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.boot.BootScript;
import org.ozworkbench.core.boot.NamedFilePrimitives;
import org.ozworkbench.core.mirror.ByteObjectMirror;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodBuilder;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.mirror.SmallInteger;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;

/**
 * The real Squeak VM boots images we changed and saved, and a process we injected writes what the
 * guest sees into a marker file. Each test also shows that without the change the guest sees
 * something else, so none can pass by accident.
 */
class RealVmOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static RealVm vm;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheRealVm() {
        vm = RealVm.locate();
    }

    /** The images this oracle runs on: Scratch always, candle and mini where ../shared/images is. */
    static Stream<String> images() {
        return Stream.of("Scratch.image", "candle-6505.image", "mini-6502.image");
    }

    private static Optional<ObjectSpace> load(String name) {
        ObjectSpace space = ObjectSpace.load(Images.assumeImage(name));
        if (space.contract().dialect().equals("squeak2")) {
            NamedFilePrimitives.install(space);
        }
        return Optional.of(space);
    }

    private static boolean isCandle(ObjectSpace space) {
        return space.contract().dialect().equals("candle");
    }

    private String className(ObjectSpace space, String squeakName) {
        return isCandle(space) ? "PC" + squeakName : squeakName;
    }

    /** Installs a boot process whose code leaves a String, saves, boots the real VM, answers the marker. */
    private Optional<String> bootAndAsk(ObjectSpace space, String imageName, int priority, Consumer<BootScript> question) {
        Path marker = dir.resolve(imageName + ".marker");
        BootScript script = BootScript.on(space, marker);
        question.accept(script);
        script.installAsActiveProcess(priority);
        Path image = dir.resolve(imageName);
        space.save(image);
        return vm.boot(image, marker, TIMEOUT).marker().map(RealVmOracleTest::withoutLineEnd);
    }

    /** Candle's append:toFile: ends what it writes with a line end; Squeak's nextPutAll: does not. */
    private static String withoutLineEnd(String marker) {
        return marker.replaceFirst("[\\r\\n]+$", "");
    }

    private int bootPriority(ObjectSpace space) {
        return space.scheduler().activeProcess().priority();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void aSlotWrittenInTheHostIsWhatTheGuestReads(String name) {
        ObjectSpace space = load(name).orElseThrow();
        String expected;
        Consumer<BootScript> question;
        if (isCandle(space)) {
            // PCSystem class>>log: appends to the file named by its String literal 'log.txt':
            // overwrite that literal's bytes, and the guest's own logging writes our marker.
            MethodMirror log = space.classNamed("PCSystem class").orElseThrow().compiledMethodAt("log:").orElseThrow();
            ByteObjectMirror fileName = (ByteObjectMirror) log.literals().stream()
                    .filter(l -> l instanceof ByteObjectMirror b && b.asString().equals("log.txt")).findFirst().orElseThrow();
            String newName = "ozw.mrk";
            for (int i = 0; i < newName.length(); i++) {
                fileName.byteAtPut(i, newName.charAt(i));
            }
            expected = "seen through log:";
            question = s -> s.code().pushGlobal("PCSystem").pushString(expected).send("log:", 1).pop().pushString("");
            Path marker = dir.resolve("ozw.mrk");
            bootAndAsk(space, name, bootPriority(space), question);
            assertThat(marker).content().startsWith(expected);
            return;
        }
        ObjectSpace untouched = load(name).orElseThrow();
        String before = bootAndAsk(untouched, "before-" + name, bootPriority(untouched),
                s -> s.code().pushGlobal("Smalltalk").send("version", 0)).orElseThrow();
        if (space.contract().dialect().equals("squeak3")) {
            expected = "Oz Workbench was here";
            ClassMirror systemDictionary = space.classNamed("SystemDictionary").orElseThrow();
            systemDictionary.classPool().orElseThrow().atPut("VersionString", space.newString(expected));
        } else {
            // Squeak 2.2 answers a String literal of SystemDictionary>>version: change its bytes in place.
            MethodMirror version = space.classNamed("SystemDictionary").orElseThrow().compiledMethodAt("version")
                    .orElseThrow();
            ByteObjectMirror literal = (ByteObjectMirror) version.literalAt(0);
            expected = "Ozwbench" + literal.asString().substring(8);
            for (int i = 0; i < 8; i++) {
                literal.byteAtPut(i, expected.charAt(i));
            }
        }

        Optional<String> after = bootAndAsk(space, name, bootPriority(space),
                s -> s.code().pushGlobal("Smalltalk").send("version", 0));

        assertThat(before).isNotEqualTo(expected);
        assertThat(after).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void aSelectorAddedInTheHostIsFoundAndRunByTheRealVm(String name) {
        ObjectSpace space = load(name).orElseThrow();
        ClassMirror smallInteger = space.classNamed(className(space, "SmallInteger")).orElseThrow();
        int capacity = smallInteger.methodDictionary().capacity();
        // Enough new selectors that the dictionary must grow, as the guest's own fullCheck would.
        int added = 0;
        while (smallInteger.methodDictionary().capacity() == capacity) {
            MethodMirror times = MethodBuilder.on(space).arguments(0).pushSelf()
                    .pushConstant(SmallInteger.of(6 + added)).send("*", 1).returnTop().build();
            smallInteger.addMethod("ozwTimes" + added, times);
            added++;
        }
        String last = "ozwTimes" + (added - 1);
        int factor = 6 + added - 1;

        Optional<String> answer = bootAndAsk(space, name, bootPriority(space),
                s -> s.code().pushInteger(7).send(last, 0).send("printString", 0));

        assertThat(smallInteger.methodDictionary().capacity()).isEqualTo(capacity * 2);
        assertThat(answer).contains(String.valueOf(7 * factor));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void aProcessCreatedInTheHostAndMadeActiveRunsFirstAtBoot(String name) {
        ObjectSpace space = load(name).orElseThrow();
        int saved = bootPriority(space);
        int priority = saved + 1;

        Optional<String> answer = bootAndAsk(space, name, priority, s -> s.code()
                .pushGlobal("Processor").send("activeProcess", 0).send("priority", 0).send("printString", 0));

        assertThat(answer).contains(String.valueOf(priority));
        assertThat(space.scheduler().processesAt(saved)).as("the saved active process was re-queued")
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void aProcessSuspendedInTheHostStaysSuspendedInTheRealVm(String name) {
        ObjectSpace probe = load(name).orElseThrow();
        org.junit.jupiter.api.Assumptions.assumeFalse(isCandle(probe),
                "skipped on candle: its scheduler has no yield to give another process the processor");

        assertThat(runWithRivalProcess(name, false)).as("control: a runnable rival runs when the boot process yields")
                .isEqualTo("rival ran");
        assertThat(runWithRivalProcess(name, true)).isEqualTo("nil");
    }

    /**
     * Creates a rival process at the boot priority that writes "rival ran" and quits, makes it
     * runnable, optionally suspends it, then boots a process that yields and reports the rival's
     * myList. The rival runs if and only if it is still runnable.
     */
    private String runWithRivalProcess(String name, boolean suspend) {
        ObjectSpace space = load(name).orElseThrow();
        int priority = bootPriority(space);
        Path marker = dir.resolve((suspend ? "suspended-" : "control-") + name + ".marker");
        BootScript rivalScript = BootScript.on(space, marker);
        rivalScript.code().pushString("rival ran");
        ProcessMirror rival = rivalScript.createProcess(priority);
        rival.resume();
        assertThat(rival.state()).isEqualTo(ProcessMirror.State.RUNNABLE);
        if (suspend) {
            rival.suspend();
            assertThat(rival.state()).isEqualTo(ProcessMirror.State.SUSPENDED);
        }
        BootScript main = BootScript.on(space, marker);
        main.code().pushGlobal("Processor").send("yield", 0).pop()
                .pushConstant(rival).pushInteger(4).send("instVarAt:", 1).send("printString", 0);
        main.installAsActiveProcess(priority);
        Path image = dir.resolve((suspend ? "suspended-" : "control-") + name);
        space.save(image);
        return vm.boot(image, marker, TIMEOUT).marker().map(RealVmOracleTest::withoutLineEnd).orElse("<no marker>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void aPriorityChangedInTheHostMovesTheProcessToThatListInTheRealVm(String name) {
        ObjectSpace space = load(name).orElseThrow();
        int from = isCandle(space) ? 1 : 2;
        int to = from + 1;
        MethodMirror idle = MethodBuilder.on(space).returnSelf().build();
        ProcessMirror process = space.scheduler().createProcess(idle, space.nilObject(), from);
        process.resume();

        process.priority(to);

        Optional<String> answer = bootAndAsk(space, name, bootPriority(space), s -> s.code()
                .pushGlobal("Processor").pushInteger(1).send("instVarAt:", 1).pushInteger(to).send("at:", 1)
                .send("first", 0).send("priority", 0).send("printString", 0)
                .pushString(" ").send(",", 1)
                .pushGlobal("Processor").pushInteger(1).send("instVarAt:", 1).pushInteger(from).send("at:", 1)
                .send("isEmpty", 0).send("printString", 0).send(",", 1));
        assertThat(answer).contains(to + " true");
        assertThat(((ObjectMirror) process).space()).isSameAs(space);
    }
}
