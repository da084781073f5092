package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingCommandsTest {

    @Test
    void givenAGlob_whenListingClasses_thenOnlyWholeNamesMatchingItAreListed() {
        OzwRun run = ozw("classes", OzwRun.scratch(), "process*", "--json");

        assertThat(names(run.json())).containsExactly("Process", "ProcessorScheduler");
        JsonNode process = run.json().get(0);
        assertThat(process.get("superclass").asText()).isEqualTo("Link");
        assertThat(process.get("category").asText()).isEqualTo("Kernel-Processes");
        assertThat(process.get("instanceVariables").toString()).contains("suspendedContext", "priority", "myList");
    }

    @Test
    void givenASubstring_whenListingClasses_thenEveryNameContainingItIsListed() {
        OzwRun run = ozw("classes", OzwRun.scratch(), "ARRAY", "--json");

        assertThat(names(run.json())).contains("Array", "ByteArray", "WeakArray").allMatch(n -> n.contains("Array"));
    }

    @Test
    void givenNoPattern_whenListingClasses_thenEveryClassIsListed() {
        OzwRun run = ozw("classes", OzwRun.scratch());

        assertThat(run.out()).endsWith("604 classes (methods: instance side + class side)" + System.lineSeparator());
    }

    @Test
    void givenAPattern_whenListingGlobals_thenNamesAndValuesAreShown() {
        OzwRun run = ozw("globals", OzwRun.scratch(), "processor", "--no-classes", "--json");

        assertThat(run.json()).singleElement().satisfies(g -> {
            assertThat(g.get("name").asText()).isEqualTo("Processor");
            assertThat(g.get("value").asText()).isEqualTo("a ProcessorScheduler");
        });
    }

    @Test
    void givenNoClassesOption_whenListingGlobals_thenOnlyTheOtherGlobalsRemain() {
        OzwRun run = ozw("globals", OzwRun.scratch(), "--no-classes", "--json");

        assertThat(run.json()).hasSize(617 - 604).allSatisfy(g -> assertThat(g.get("isClass").asBoolean()).isFalse());
        assertThat(names(run.json())).contains("Smalltalk", "Transcript", "Processor");
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(c -> names.add(c.get("name").asText()));
        return names;
    }
}
