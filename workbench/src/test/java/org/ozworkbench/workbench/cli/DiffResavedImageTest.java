package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.realvm.RealVm;
import org.ozworkbench.realvm.RealVmRun;

/**
 * The real VM resaves a copy of Scratch (every oop moves: the VM writes its own base address), and
 * the diff still matches everything by meaning. {@code Smalltalk snapshot: true andQuit: true}
 * hangs in this headless VM: {@code SoundPlayer shutDown} fails a primitive under
 * {@code -vm-sound-null} and Scratch opens a notifier. So the injected process runs the same
 * shut-down list (SystemDictionary>>processShutDownList's), each with {@code ifError:} (Scratch has
 * no Error class), then the snapshot primitive, then quits.
 */
class DiffResavedImageTest {
    private static final String SHUT_DOWN_LIST = "SoundPlayer Delay FileDirectory Color StrikeFont ControlManager"
            + " Form DisplayScreen ScratchTranslator";
    private static final String RESAVE = "#(" + SHUT_DOWN_LIST + ") do: [:name |"
            + " [(Smalltalk at: name) shutDown] ifError: [:message :receiver | nil]].\n"
            + "Smalltalk snapshotPrimitive.\n"
            + "Smalltalk quitPrimitive";

    @TempDir
    Path dir;

    private static List<String> priorities(JsonNode descriptions) {
        List<String> result = new ArrayList<>();
        descriptions.forEach(d -> result.add(d.asText().split(" ")[1]));
        return result;
    }

    @Test
    void givenACopyTheRealVmResaved_whenDiffedWithWhatItBooted_thenNoCodeDiffersAndOnlyTheProcessesMoved()
            throws Exception {
        assumeTrue(RealVm.find().isPresent(), "the real Squeak VM is not installed");
        Path image = dir.resolve("resaved.image");
        try (ObjectSpace space = ObjectSpace.load(OzwRun.scratch())) {
            space.createProcessWithPriority(5, RESAVE).installAsActiveProcess();
            space.save(image);
        }
        Path booted = Files.copy(image, dir.resolve("booted.image"));

        RealVmRun run = RealVm.locate().boot(image, Duration.ofSeconds(60));

        assertThat(run.timedOut()).as(run.summary()).isFalse();
        assertThat(Files.mismatch(booted, image)).as("the VM rewrote the image file").isNotEqualTo(-1L);
        JsonNode d = ozw("diff", booted, image, "--json").json();
        assertThat(d.get("layout").findValues("what").stream().map(JsonNode::asText))
                .contains("oldBaseAddress", "specialObjectsOop");
        assertThat(d.get("header")).isEmpty();
        assertThat(d.get("classes").get("added")).isEmpty();
        assertThat(d.get("classes").get("removed")).isEmpty();
        assertThat(d.get("classes").get("changed")).isEmpty();
        assertThat(d.get("methods")).isEmpty();
        assertThat(d.get("globals").get("added")).isEmpty();
        assertThat(d.get("globals").get("removed")).isEmpty();
        JsonNode processes = d.get("processes");
        assertThat(processes.get("active").get("a").asText()).startsWith("priority 5 active UndefinedObject>>? @");
        assertThat(processes.get("active").get("b").asText()).startsWith("priority 5 active UndefinedObject>>? @");
        assertThat(processes.get("priorityLists")).isEmpty();
        assertThat(priorities(processes.get("onlyInB"))).isEqualTo(priorities(processes.get("onlyInA")));
        try (ObjectSpace resaved = ObjectSpace.load(image)) {
            assertThat(d.get("objects").get("b").asInt()).isEqualTo(resaved.memory().objectCount());
        }
    }
}
