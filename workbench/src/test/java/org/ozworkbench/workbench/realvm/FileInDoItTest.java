package org.ozworkbench.workbench.realvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageAssumptions;
import org.ozworkbench.journal.JournalSession;
import org.ozworkbench.realvm.RealVm;

/**
 * A file-in's doIts run in the host's interpreter as part of the file-in's surgery: what they do
 * to the guest is journaled like the rest of the file-in, a replay redoes it byte for byte, the
 * real VM sees it, and a doIt that fails takes the whole file-in back.
 */
class FileInDoItTest {
    /** A class, its class-side initialize filling a class variable with new objects, and the doIt that runs it. */
    private static final String FILE = "Object subclass: #OzwRegistry\r"
            + "\tinstanceVariableNames: ''\r\tclassVariableNames: 'Entries'\r\tpoolDictionaries: ''\r\tcategory: 'Ozw'!\r"
            + "!OzwRegistry class methodsFor: 'ozw'!\r"
            + "initialize\r\tEntries := OrderedCollection new.\r\tEntries add: 3 @ 4; add: 'filed in' copy; add: (Array with: 1 with: 2)! !\r"
            + "!OzwRegistry class methodsFor: 'ozw'!\r"
            + "entries\r\t^ Entries! !\r"
            + "OzwRegistry initialize!\r";

    private static final String QUESTION = "OzwRegistry entries printString";
    private static final String ANSWER = "'an OrderedCollection(3@4 ''filed in'' (1 2))'";

    @TempDir
    Path dir;

    private final Path scratch = ImageAssumptions.assumeScratchImage();

    @Test
    void givenAFileInWithADoIt_whenFiledIn_thenItsEffectIsJournaledReplayedAndSeenByTheRealVm() throws IOException {
        Path journal = dir.resolve("journal");
        Path live = dir.resolve("live.image");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            FileIn.Result result = new FileIn(session.space()).fileIn(FILE, "registry.st");
            assertThat(result.descriptions()).contains("class OzwRegistry", "OzwRegistry class>>initialize")
                    .anyMatch(d -> d.equals("doIt at line 13: OzwRegistry"));
            assertThat(session.space().evaluate(QUESTION).text()).isEqualTo(ANSWER);
            session.save(live);
        }

        Path replayed = Replays.ontoFresh(scratch, journal, dir.resolve("replayed.image"));
        assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(live));

        RealVm vm = ImageAssumptions.assumeRealVm();
        try (ObjectSpace saved = ObjectSpace.load(live)) {
            assertThat(RealVmEvaluation.evaluate(vm, saved, QUESTION, java.time.Duration.ofSeconds(30))).isEqualTo(ANSWER);
        }
    }

    @Test
    void givenADoItThatFailsInTheGuest_whenFiledIn_thenTheFileInIsRefusedWithItsLineAndNothingChanges() {
        String file = FILE.replace("OzwRegistry initialize!", "OzwRegistry initialize. 1 / 0!");
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            byte[] before = space.toBytes();

            assertThatThrownBy(() -> new FileIn(space).fileIn(file, "bad.st"))
                    .isInstanceOf(FileIn.FileInError.class)
                    .hasMessageStartingWith("bad.st:13: doIt OzwRegistry initialize. 1 / 0 failed in the guest: division by 0");

            assertThat(space.classNamed("OzwRegistry")).isEmpty();
            assertThat(space.toBytes()).isEqualTo(before);
        }
    }

    @Test
    void givenADoItThatPlacesNewObjectsByTheirHash_whenFiledIn_thenTheyKeepTheirHashesAndTheRealVmFindsThem()
            throws IOException {
        String file = "| s | s := Set new. 1 to: 30 do: [:i | s add: Object new]. Smalltalk at: #OzwSet put: s!\r";
        String question = "(OzwSet size printString) , ' ' , ((OzwSet select: [:o | (OzwSet includes: o)]) size printString)";
        Path journal = dir.resolve("journal");
        Path live = dir.resolve("live.image");
        try (JournalSession session = JournalSession.open(scratch, journal)) {
            new FileIn(session.space()).fileIn(file, "hash.st");
            assertThat(session.space().evaluate(question).text()).isEqualTo("'30 30'");
            session.save(live);
        }

        Path replayed = Replays.ontoFresh(scratch, journal, dir.resolve("replayed.image"));
        assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(live));
        RealVm vm = ImageAssumptions.assumeRealVm();
        try (ObjectSpace saved = ObjectSpace.load(live)) {
            assertThat(RealVmEvaluation.evaluate(vm, saved, question, java.time.Duration.ofSeconds(30))).isEqualTo("'30 30'");
        }
    }

    /** Issue 12, points 1 and 5: doIts that intern Symbols, add globals and fill a Dictionary commit replayably. */
    @Test
    void givenDoItsThatInternSymbolsAndFillADictionary_whenCommittedOneAfterAnother_thenEachReplaysAndTheRealVmSeesThem()
            throws IOException {
        Path journal = dir.resolve("journal");
        Path live = dir.resolve("live.image");
        String[] doIts = {
                "#ozwNewSymbolLiteral size!\r",
                "Smalltalk at: #OzwFoo put: 0!\r",
                "| d | d := Dictionary new. 1 to: 40 do: [:i | d at: ('ozwKey', i printString) asSymbol put: i]."
                        + " Smalltalk at: #OzwTable put: d!\r"};
        for (int i = 0; i < doIts.length; i++) {
            try (JournalSession session = JournalSession.open(scratch, journal)) {
                assertThat(session.replayed()).isEqualTo(i);
                new FileIn(session.space()).fileIn(doIts[i], "doit" + i + ".st");
                session.save(live);
            }
        }

        Path replayed = Replays.ontoFresh(scratch, journal, dir.resolve("replayed.image"));
        assertThat(Files.readAllBytes(replayed)).isEqualTo(Files.readAllBytes(live));
        String question = "(OzwTable at: #ozwKey7) printString , ' ' , OzwTable size printString , ' ' , OzwFoo printString";
        RealVm vm = ImageAssumptions.assumeRealVm();
        try (ObjectSpace saved = ObjectSpace.load(live)) {
            assertThat(RealVmEvaluation.evaluate(vm, saved, question, java.time.Duration.ofSeconds(30))).isEqualTo("'7 40 0'");
        }
    }

    /** Issue 14, point 14: a doIt's method, its literals and the printString helper leave no trace in the image. */
    @Test
    void givenAFileInOfTwoMethodsAndDoIts_whenCommitted_thenOnlyWhatTheSpaceHoldsIsAdded() {
        String file = "!Object methodsFor: 'ozw'!\rozwA1\r\t^ 1! !\r!Object methodsFor: 'ozw'!\rozwA2\r\t^ 2! !\r"
                + "Smalltalk at: #OzwKept put: 'kept string'!\r3 + 4!\r#ozwDropped size!\r";
        try (ObjectSpace space = ObjectSpace.load(scratch)) {
            java.util.Map<String, Long> before = countsOf(space, "CompiledMethod", "String");
            try (org.ozworkbench.core.space.Surgery s = space.beginSurgery("traces")) {
                new FileIn(space).fileIn(file, "traces.st");
                s.commit();
            }
            java.util.Map<String, Long> after = countsOf(space, "CompiledMethod", "String");

            assertThat(after.get("CompiledMethod") - before.get("CompiledMethod")).isEqualTo(2);
            assertThat(after.get("String") - before.get("String")).isEqualTo(1); // 'kept string', held by OzwKept
        }
    }

    private static java.util.Map<String, Long> countsOf(ObjectSpace space, String... classNames) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (String name : classNames) {
            var cls = space.unwrapObject(space.classNamed(name).orElseThrow());
            counts.put(name, space.memory().objects().stream().filter(o -> o.cls() == cls).count());
        }
        return counts;
    }
}
