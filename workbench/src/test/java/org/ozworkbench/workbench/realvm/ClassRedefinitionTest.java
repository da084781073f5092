package org.ozworkbench.workbench.realvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.realvm.RealVm;

/**
 * Issue 12, point 4: filing in an existing class's definition with more class variables adds them
 * as the guest's ClassBuilder would, journaled and replayable; what a file-in cannot do to a class
 * (drop class variables methods may read, change its instance variables) is refused in words.
 */
class ClassRedefinitionTest {
    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();

    /** The definition chunk of {@code cls} as a browser prints it, with {@code classVariables}. */
    private static String definition(ClassMirror cls, List<String> classVariables) {
        return cls.superclass().orElseThrow().name() + " subclass: #" + cls.name()
                + "\r\tinstanceVariableNames: '" + String.join(" ", cls.instanceVariableNames())
                + "'\r\tclassVariableNames: '" + String.join(" ", classVariables)
                + "'\r\tpoolDictionaries: ''\r\tcategory: 'Ozw'!\r";
    }

    private static List<String> classVariables(ClassMirror cls) {
        return cls.classPool().map(p -> List.copyOf(p.associations().keySet())).orElse(List.of());
    }

    @Test
    void givenADefinitionWithANewClassVariable_whenFiledIn_thenItIsAddedJournaledReplayedAndSeenByTheRealVm()
            throws IOException {
        Path journal = dir.resolve("journal");
        Path live = dir.resolve("live.image");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            ClassMirror oc = session.space().classNamed("OrderedCollection").orElseThrow();
            ClassMirror delay = session.space().classNamed("Delay").orElseThrow();
            List<String> delayVariables = new ArrayList<>(classVariables(delay));
            assertThat(delayVariables).isNotEmpty();
            delayVariables.add("OzwDelays");
            String file = definition(oc, List.of("RemoveFirstCount")) + definition(delay, delayVariables)
                    + "!OrderedCollection methodsFor: 'ozw'!\rozwCount\r\t^ RemoveFirstCount ifNil: [RemoveFirstCount := 41]! !\r"
                    + "!Delay class methodsFor: 'ozw'!\rozwDelays\r\t^ OzwDelays ifNil: [OzwDelays := 1]! !\r";

            FileIn.Result result = new FileIn(session.space()).fileIn(file, "classvars.st");

            assertThat(result.descriptions()).contains("class variables RemoveFirstCount of OrderedCollection",
                    "class variables OzwDelays of Delay");
            session.save(live);
        }
        Path replayed = Replays.ontoFresh(scratch, journal, dir.resolve("replayed.image"));
        assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(live));

        RealVm vm = ImageAssumptions.assumeRealVm();
        try (ObjectSpace saved = ObjectSpace.load(live)) {
            assertThat(RealVmEvaluation.evaluate(vm, saved, "(OrderedCollection new ozwCount + Delay ozwDelays) printString"
                    + " , ((Delay classPool includesKey: #ActiveDelay) & (Delay classPool includesKey: #OzwDelays))"
                    + " printString", Duration.ofSeconds(30))).isEqualTo("'42true'");
        }
    }

    @Test
    void givenADefinitionDroppingAClassVariableOrChangingTheShape_whenFiledIn_thenItIsRefusedAndNothingChanges() {
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            byte[] before = space.toBytes();
            ClassMirror delay = space.classNamed("Delay").orElseThrow();
            List<String> fewer = classVariables(delay).subList(1, classVariables(delay).size());

            assertThatThrownBy(() -> new FileIn(space).fileIn(definition(delay, fewer), "drop.st"))
                    .isInstanceOf(FileIn.FileInError.class).hasMessageContaining("drop.st:1: redefining Delay without"
                            + " its class variables [" + classVariables(delay).get(0) + "]");
            String wider = definition(delay, classVariables(delay)).replace("instanceVariableNames: '",
                    "instanceVariableNames: 'ozwExtra ");
            assertThatThrownBy(() -> new FileIn(space).fileIn(wider, "wider.st"))
                    .isInstanceOf(FileIn.FileInError.class).hasMessageContaining("would change its shape");
            assertThat(space.toBytes()).isEqualTo(before);
        }
    }
}
