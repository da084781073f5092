package org.ozworkbench.workbench.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.memory.ObjectFormat;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.workbench.realvm.RealVmEvaluation;

/**
 * A V3 class holds its instance size + 1 in 8 bits of its format word: a class defined with more
 * than {@value ObjectFormat#MAX_INSTANCE_SIZE} instance variables used to be saved with the size
 * modulo 256, and its methods then stored into the objects after its instances. Such a definition,
 * and every other one the guest's ClassBuilder refuses, is refused with the guest's words and
 * leaves the space as it was; the largest legal class works in the real VM.
 */
class ClassFormatLimitsTest {
    private static final int POKED = 12345;
    private static final int NEIGHBOURS = 200;

    private final Path scratch = ImageAssumptions.assumeScratchImage();

    private static String definition(String name, String instanceVariables) {
        return "Object subclass: #" + name + "\r\tinstanceVariableNames: '" + instanceVariables
                + "'\r\tclassVariableNames: ''\r\tpoolDictionaries: ''\r\tcategory: 'Ozw'!\r";
    }

    private static String wide(String name, int instanceVariables) {
        String names = IntStream.range(0, instanceVariables).mapToObj(i -> "v" + i).collect(Collectors.joining(" "));
        String last = "v" + (instanceVariables - 1);
        return definition(name, names)
                + "!" + name + " methodsFor: 'ozw'!\rpoke\r\t" + last + " := " + POKED + "! !\r"
                + "!" + name + " methodsFor: 'ozw'!\rpeek\r\t^ " + last + "! !\r";
    }

    @ParameterizedTest
    @CsvSource({"255", "300"})
    void givenMoreInstanceVariablesThanTheFormatHolds_whenFiledIn_thenRefusedInTheGuestsWordsAndNothingChanges(
            int count) {
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            byte[] before = space.toBytes();

            assertThatThrownBy(() -> new FileIn(space).fileIn(wide("OzwWide", count), "wide.st"))
                    .isInstanceOf(FileIn.FileInError.class)
                    .hasMessage("wide.st:1: cannot create OzwWide: Class has too many instance variables (" + count
                            + "): a V3 class holds at most 254");

            assertThat(space.classNamed("OzwWide")).isEmpty();
            assertThat(space.toBytes()).isEqualTo(before);
        }
    }

    @Test
    void givenTheLargestLegalClass_whenFiledIn_thenTheRealVmStoresIntoItsLastVariableAndNowhereElse() {
        RealVm vm = ImageAssumptions.assumeRealVm();
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            new FileIn(space).fileIn(wide("OzwWide", ObjectFormat.MAX_INSTANCE_SIZE), "wide.st");
            assertThat(space.classNamed("OzwWide").orElseThrow().instanceSize()).isEqualTo(ObjectFormat.MAX_INSTANCE_SIZE);

            String answer = RealVmEvaluation.evaluate(vm, space, "| w s | w := OzwWide new. s := Array new: "
                    + NEIGHBOURS + ". w poke. (Array with: OzwWide instSize with: w peek with: (s indexOf: " + POKED
                    + ") with: (w instVarAt: " + ObjectFormat.MAX_INSTANCE_SIZE + ")) printString",
                    Duration.ofSeconds(30));

            assertThat(answer).isEqualTo("'(254 12345 0 12345)'");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OzwTwice | a a | wide.st:1: cannot create OzwTwice: a is multiply defined",
        "OzwSelf | x self | wide.st:1: cannot create OzwSelf: self is a reserved name",
        "OzwNil | nil | wide.st:1: cannot create OzwNil: nil is a reserved name",
        "OzwInherits | owner | wide.st:1: cannot create OzwInherits: owner is already defined in Morph",
        "'''hello world''' | a | wide.st:1: cannot create hello world: 'hello world' is not a valid class name: a class"
                + " name is a letter followed by letters and digits",
        "ozwLower | a | wide.st:1: cannot create ozwLower: Class names must be capitalized: ozwLower"})
    void givenADefinitionTheGuestsClassBuilderRefuses_whenFiledIn_thenRefusedAndNothingChanges(String name,
            String instanceVariables, String message) {
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            byte[] before = space.toBytes();
            String file = definition(name, instanceVariables).replace("Object subclass: #OzwInherits",
                    "Morph subclass: #OzwInherits");

            assertThatThrownBy(() -> new FileIn(space).fileIn(file, "wide.st"))
                    .isInstanceOf(FileIn.FileInError.class).hasMessage(message);

            assertThat(space.toBytes()).isEqualTo(before);
        }
    }
}
