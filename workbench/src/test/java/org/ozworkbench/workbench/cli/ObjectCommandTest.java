package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ObjectCommandTest {

    @Test
    void givenScratch_whenAskingForProcessor_thenItIsAProcessorScheduler() {
        OzwRun run = ozw("object", OzwRun.scratch(), "Processor");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Processor  0x").contains("a ProcessorScheduler",
                "class     ProcessorScheduler", "quiescentProcessLists", "activeProcess");
    }

    @Test
    void givenADottedPath_whenResolved_thenInstanceVariablesAreFollowed() {
        OzwRun run = ozw("object", OzwRun.scratch(), "Processor.activeProcess.suspendedContext", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("className").asText()).isEqualTo("MethodContext");
        assertThat(json.get("description").asText()).startsWith("SystemDictionary>>snapshot:andQuit: @");
        assertThat(json.get("slots").get(0).get("name").asText()).isEqualTo("sender");
    }

    /** Scratch's timer process (0x150310c8) runs a timerInterruptWatcher no method dictionary holds any more. */
    @Test
    void givenAMethodReplacedWhileAProcessRanIt_whenShown_thenItIsNamedAsAnOldVersion() {
        OzwRun process = ozw("object", OzwRun.scratch(), "0x150310c8");
        OzwRun method = ozw("object", OzwRun.scratch(), "0x150310c8.suspendedContext.method");

        assertThat(process.out()).contains("suspendedContext  Delay class>>timerInterruptWatcher (old version) @70");
        assertThat(method.out()).contains("an old version of Delay class>>timerInterruptWatcher, installed nowhere  (0x");
        assertThat(ozw("object", OzwRun.scratch(), "0x150310c8.suspendedContext.method", "--json").json()
                .get("method").get("oldVersionOf").asText()).isEqualTo("Delay class>>timerInterruptWatcher");
    }

    @Test
    void givenAnOopInHexOrDecimal_whenResolved_thenBothNameTheSameObject() {
        String oop = ozw("object", OzwRun.scratch(), "Processor", "--json").json().get("oop").asText();
        long decimal = Long.parseLong(oop.substring(2), 16);

        OzwRun byHex = ozw("object", OzwRun.scratch(), oop, "--json");
        OzwRun byDecimal = ozw("object", OzwRun.scratch(), decimal, "--json");

        assertThat(byHex.json().get("className").asText()).isEqualTo("ProcessorScheduler");
        assertThat(byDecimal.json().get("oop").asText()).isEqualTo(oop);
    }

    @Test
    void givenASlotIndex_whenResolved_thenTheZeroBasedSlotIsTaken() {
        OzwRun run = ozw("object", OzwRun.scratch(), "Smalltalk.1", "--json", "--limit", 3);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("className").asText()).isEqualTo("Array");
        assertThat(run.json().get("slots")).hasSize(3);
        assertThat(run.json().get("omitted").asInt()).isEqualTo(run.json().get("basicSize").asInt() - 3);
    }

    @Test
    void givenASymbol_whenShown_thenItsBytesAppearAsStringAndHex() {
        OzwRun run = ozw("object", OzwRun.scratch(), "Processor.activeProcess.suspendedContext.method", "--json");
        String literal = run.json().get("method").get("literals").get(0).get("ref").asText();

        OzwRun symbol = ozw("object", OzwRun.scratch(), literal, "--json");

        assertThat(symbol.json().get("className").asText()).isEqualTo("Symbol");
        String string = symbol.json().get("string").asText();
        assertThat(symbol.json().get("hex").asText()).hasSize(2 * string.length());
        assertThat(symbol.json().get("description").asText()).isEqualTo("#" + string);
    }

    @Test
    void givenAMethod_whenShown_thenItIsDisassembled() {
        OzwRun run = ozw("object", OzwRun.scratch(), "Processor.activeProcess.suspendedContext.method");

        assertThat(run.out()).contains("SystemDictionary>>snapshot:andQuit:", "literals", "instructions");
    }

    @Test
    void givenASmallIntegerAtTheEnd_whenShown_thenItSaysSo() {
        OzwRun run = ozw("object", OzwRun.scratch(), "Processor.activeProcess.priority");

        assertThat(run.out()).isEqualTo("Processor.activeProcess.priority = 4 (a SmallInteger: immediate, no header,"
                + " no slots)" + System.lineSeparator());
    }

    @Test
    void givenAnUnknownInstanceVariable_whenResolving_thenOneLineListsTheNamesThereAre() {
        OzwRun run = ozw("object", OzwRun.scratch(), "Processor.nope");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("ozw: " + OzwRun.scratch())
                .contains("no instance variable 'nope'", "[quiescentProcessLists, activeProcess]");
    }

    @Test
    void givenAnOopWhereNoObjectStarts_whenResolving_thenOneLineSaysSo() {
        OzwRun run = ozw("object", OzwRun.scratch(), "0x1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("no object starts at oop 0x1");
    }
}
