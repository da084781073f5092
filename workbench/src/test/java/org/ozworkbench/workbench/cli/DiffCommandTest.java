package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.memory.GuestObject;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.mirror.ProcessMirror;
import org.ozworkbench.core.space.ObjectSpace;

class DiffCommandTest {
    private static final String IDLE_PROCESS = "runnable ProcessorScheduler class>>idleProcess @13";

    @TempDir
    Path dir;

    /** Scratch loaded, changed by {@code change} through the core API, saved under {@code name}. */
    private Path changedScratch(String name, Consumer<ObjectSpace> change) {
        Path out = dir.resolve(name);
        try (ObjectSpace space = ObjectSpace.load(OzwRun.scratch())) {
            change.accept(space);
            space.save(out);
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.isTextual() ? n.asText() : n.toString()));
        return result;
    }

    @Test
    void givenScratchAndItself_whenDiffed_thenTheyAreIdentical() {
        OzwRun text = ozw("diff", OzwRun.scratch(), OzwRun.scratch());
        OzwRun json = ozw("diff", OzwRun.scratch(), OzwRun.scratch(), "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out().lines()).hasSize(3).last().isEqualTo("Summary: identical");
        assertThat(json.json().get("bytesEqual").asBoolean()).isTrue();
        assertThat(json.json().get("sameContent").asBoolean()).isTrue();
        assertThat(json.json().get("summary").asText()).isEqualTo("identical");
        assertThat(json.json().get("methods")).isEmpty();
        assertThat(json.json().get("objects").get("byClass")).isEmpty();
    }

    @Test
    void givenOnlyAMethodsSourcePointerChanged_whenDiffed_thenTheContentIsTheSameButNotTheBytes() {
        Path touched = changedScratch("trailer.image", space -> {
            MethodMirror m = space.classNamed("Object").orElseThrow().compiledMethodAt("printString").orElseThrow();
            GuestObject method = space.unwrapObject(m);
            int last = method.byteCount() - 1;
            space.membrane().storeByte(method, last, (method.bytes()[last] + 1) & 0xFF);
        });

        OzwRun run = ozw("diff", OzwRun.scratch(), touched, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("bytesEqual").asBoolean()).isFalse();
        assertThat(run.json().get("sameContent").asBoolean()).isTrue();
        assertThat(run.json().get("summary").asText()).isEqualTo("same content, different bytes");
        assertThat(ozw("diff", OzwRun.scratch(), touched).out()).endsWith("Summary: same content, different bytes\n");
    }

    @Test
    void givenKnownChangesMadeThroughTheCoreApi_whenDiffed_thenExactlyThoseAreReported() {
        String[] oldVersion = new String[1];
        Path changed = changedScratch("changed.image", space -> {
            ClassMirror object = space.classNamed("Object").orElseThrow();
            space.classNamed("Point").orElseThrow().compile("ozwDiffProbe  ^ x + y");
            object.compile("yourself  | me | me := self. ^ me");
            space.defineClass("OzwDiffThing", object, "subclass:", List.of("alpha", "beta"), List.of("Shared"),
                    "Ozw-Diff");
            var pool = space.classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow();
            oldVersion[0] = ((ObjectMirror) pool.at("VersionString").orElseThrow()).describe();
            pool.atPut("VersionString", space.newString("Ozw diff 1.0"));
            ProcessMirror idle = space.scheduler().processesAt(1).get(0);
            idle.priority(2);
        });

        JsonNode d = ozw("diff", OzwRun.scratch(), changed, "--json").json();

        assertThat(d.get("header")).isEmpty();
        assertThat(texts(d.get("classes").get("added"))).containsExactly("OzwDiffThing (Object; 0+0 methods)");
        assertThat(d.get("classes").get("removed")).isEmpty();
        assertThat(d.get("classes").get("changed")).isEmpty();
        assertThat(d.get("methods")).hasSize(2);
        JsonNode objectMethods = d.get("methods").get(0);
        assertThat(objectMethods.get("className").asText()).isEqualTo("Object");
        assertThat(objectMethods.get("changed").get(0).get("selector").asText()).isEqualTo("yourself");
        assertThat(texts(objectMethods.get("changed").get(0).get("parts"))).contains("bytecodes");
        JsonNode pointMethods = d.get("methods").get(1);
        assertThat(pointMethods.get("className").asText()).isEqualTo("Point");
        assertThat(texts(pointMethods.get("added"))).containsExactly("ozwDiffProbe");
        assertThat(pointMethods.get("changed")).isEmpty();
        assertThat(d.get("globals").get("added")).isEmpty();
        assertThat(d.get("globals").get("changed")).isEmpty();
        // The idle process is also ProcessorScheduler's BackgroundProcess: its description shows the new priority.
        assertThat(d.get("classVariables").findValues("className").stream().map(JsonNode::asText))
                .containsExactly("ProcessorScheduler", "SystemDictionary");
        assertThat(d.get("classVariables").get(0).get("variables").get("changed").toString()).isEqualTo(
                "[{\"what\":\"BackgroundProcess\",\"a\":\"a Process (priority 1, runnable)\","
                        + "\"b\":\"a Process (priority 2, runnable)\"}]");
        JsonNode version = d.get("classVariables").get(1).get("variables").get("changed").get(0);
        assertThat(version.get("what").asText()).isEqualTo("VersionString");
        assertThat(version.get("a").asText()).isEqualTo(oldVersion[0]);
        assertThat(version.get("b").asText()).isEqualTo("'Ozw diff 1.0'");
        JsonNode processes = d.get("processes");
        assertThat(processes.get("active").isNull()).isTrue();
        assertThat(processes.get("priorityLists").toString())
                .isEqualTo("[{\"what\":\"priority 1\",\"a\":\"1\",\"b\":\"0\"},{\"what\":\"priority 2\",\"a\":\"0\",\"b\":\"1\"}]");
        assertThat(texts(processes.get("onlyInA"))).containsExactly("priority 1 " + IDLE_PROCESS);
        assertThat(texts(processes.get("onlyInB"))).containsExactly("priority 2 " + IDLE_PROCESS);
        JsonNode byClass = d.get("objects").get("byClass");
        assertThat(byClass.findValues("className").stream().map(JsonNode::asText)).contains("CompiledMethod");
        byClass.forEach(c -> {
            if (c.get("className").asText().equals("CompiledMethod")) {
                assertThat(c.get("difference").asInt()).isEqualTo(2);
            }
        });
        assertThat(d.get("summary").asText()).isEqualTo("1 class added, 1 method added, 1 method changed,"
                + " 2 class variables changed, processes differ, " + (d.get("objects").get("b").asInt()
                - d.get("objects").get("a").asInt()) + " more objects");
    }

    @Test
    void givenKnownChanges_whenDiffedAsText_thenEachShowsInItsSection() {
        Path changed = changedScratch("changed.image", space -> {
            space.classNamed("Point").orElseThrow().compile("ozwDiffProbe  ^ x + y");
            space.classNamed("SystemDictionary").orElseThrow().classPool().orElseThrow()
                    .atPut("VersionString", space.newString("Ozw diff 1.0"));
            space.scheduler().processesAt(1).get(0).priority(2);
        });

        OzwRun run = ozw("diff", OzwRun.scratch(), changed);
        OzwRun reverse = ozw("diff", changed, OzwRun.scratch(), "--methods-only");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Methods\n  + Point>>ozwDiffProbe\n",
                "Class variables\n  ~ ProcessorScheduler BackgroundProcess: a Process (priority 1, runnable)"
                        + " -> a Process (priority 2, runnable)\n  ~ SystemDictionary VersionString: ",
                " -> 'Ozw diff 1.0'\n",
                "Processes\n  ~ runnable at priority 1: 1 -> 0\n  ~ runnable at priority 2: 0 -> 1\n"
                        + "  - priority 1 " + IDLE_PROCESS + "\n  + priority 2 " + IDLE_PROCESS + "\n",
                "Objects\n  total: 83459 -> ");
        assertThat(run.out()).doesNotContain("Classes\n", "Globals\n");
        assertThat(reverse.out().lines().skip(2)).containsExactly("Methods", "  - Point>>ozwDiffProbe",
                "Summary: 1 method removed");
    }

    @Test
    void givenAMissingOrBadImage_whenDiffed_thenExitCodeIs2WithOneLine() throws Exception {
        Path notAnImage = Files.writeString(dir.resolve("notes.txt"), "not an image\n".repeat(10));

        OzwRun missing = ozw("diff", OzwRun.scratch(), dir.resolve("missing.image"));
        OzwRun bad = ozw("diff", notAnImage, OzwRun.scratch());
        OzwRun section = ozw("diff", OzwRun.scratch(), OzwRun.scratch(), "--only", "methods,colours");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("ozw: " + dir.resolve("missing.image") + ": no such file");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines()).singleElement().asString().contains(notAnImage.toString(), "bad magic");
        assertThat(section.exitCode()).isEqualTo(2);
        assertThat(section.errLines()).singleElement().asString().contains("no section 'colours'");
    }
}
