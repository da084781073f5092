package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.fixtures.ImageFacts;

class MethodsCommandTest {

    @Test
    void givenAClass_whenListingItsMethods_thenSelectorsAreSortedWithArgsAndPrimitive() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> selectors = new ArrayList<>();
        run.json().get("methods").forEach(m -> selectors.add(m.get("selector").asText()));
        assertThat(selectors).contains("printOn:", "replaceFrom:to:with:startingAt:").isSorted();
        JsonNode replace = find(run.json(), "replaceFrom:to:with:startingAt:");
        assertThat(replace.get("numArgs").asInt()).isEqualTo(4);
        assertThat(replace.get("primitive").asInt()).isEqualTo(105);
    }

    @Test
    void givenCandle_whenShowingSource_thenInstanceVariablesHaveTheNamesItsClassesHold() {
        OzwRun run = ozw("methods", OzwRun.imageOf(ImageFacts.CANDLE), "PCMetaclass", "-s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("name\n\tsoleInstance ifNil: [^ 'Metaclass'] ifNotNil: [^ soleInstance name , ' class']!",
                "initMethodDict: t1\n\tsuperclass := PCClass.\n\tmethodDict := t1.\n").doesNotContain("instVar");
    }

    @Test
    void givenAMetaclassName_whenListingItsMethods_thenTheClassSideIsListed() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array class");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Array class (superclass ArrayedCollection class)").contains("braceWith:");
    }

    @Test
    void givenASelector_whenDisassembling_thenHeaderLiteralsAndInstructionsArePrinted() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array", "--disassemble", "printOn:");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Array>>printOn:", "1 args, 1 temps, 1 literals", "#printElementsOn:",
                "instructions", "pushSelf", "pushTemp: 0", "send: #printElementsOn: (1 args)", "returnSelf");
    }

    @Test
    void givenAnInheritedSelector_whenDisassembling_thenTheMethodFoundByLookupIsShown() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array", "-d", "printString", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("location").asText()).endsWith(">>printString").doesNotStartWith("Array>>");
        assertThat(run.json().get("instructions").size()).isPositive();
    }

    @Test
    void givenAnUnknownClass_whenListingMethods_thenOneLineNamesTheImageAndClass() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "NoSuchClass");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("ozw: " + OzwRun.scratch() + ": no class named 'NoSuchClass'");
    }

    @Test
    void givenAnUnknownSelector_whenDisassembling_thenOneLineSaysSo() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array", "-d", "noSuchSelector");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .endsWith("Array has no method #noSuchSelector and inherits none");
    }

    @Test
    void givenASelector_whenAskingForSource_thenTheDecompiledMethodIsPrinted() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Collection", "--source", "detect:ifNone:");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("detect: t1 ifNone: t2\n"
                + "\tself do: [:t3 | (t1 value: t3) ifTrue: [^ t3]. nil].\n"
                + "\t^ t2 value\n");
    }

    @Test
    void givenAnInheritedSelector_whenAskingForSource_thenJsonNamesWhereTheMethodIs() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array", "-s", "printString", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("location").asText()).isEqualTo("Object>>printString");
        assertThat(run.json().get("source").asText()).isEqualTo("printString\n\t^ self printStringLimitedTo: 50000\n");
    }

    @Test
    void givenBothDisassembleAndSource_whenListing_thenOneLineSaysToChooseOne() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array", "-d", "printOn:", "-s", "printOn:");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("ozw: " + OzwRun.scratch() + ": give either --disassemble or --source, not both");
    }

    @Test
    void givenAnUnknownSelector_whenAskingForSource_thenOneLineSaysSo() {
        OzwRun run = ozw("methods", OzwRun.scratch(), "Array", "--source", "noSuchSelector");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .endsWith("Array has no method #noSuchSelector and inherits none");
    }

    @Test
    void givenNoSelector_whenAskingForSource_thenTheClassIsFiledOutAndFilesBackInToTheSameMethods(@TempDir Path dir)
            throws IOException {
        OzwRun fileOut = ozw("methods", OzwRun.scratch(), "Point", "--source");

        assertThat(fileOut.exitCode()).as(fileOut.err()).isZero();
        assertThat(fileOut.out()).startsWith("!Point methodsFor: 'accessing'!\nx\n\t^ x!\n\ny\n\t^ y! !\n\n"
                + "!Point methodsFor: 'arithmetic'!\n");
        Path st = dir.resolve("Point.st");
        Files.writeString(st, fileOut.out(), StandardCharsets.ISO_8859_1);
        Path filed = dir.resolve("filed.image");
        OzwRun fileIn = ozw("filein", OzwRun.scratch(), st, "--out", filed);
        assertThat(fileIn.exitCode()).as(fileIn.err()).isZero();
        assertThat(fileIn.out()).contains("65 methods filed in");
        OzwRun diff = ozw("diff", OzwRun.scratch(), filed, "--only", "methods", "--json");
        List<String> changed = new ArrayList<>();
        diff.json().get("methods").forEach(c -> c.get("changed").forEach(m -> changed.add(
                c.get("className").asText() + ">>" + m.get("selector").asText())));
        assertThat(changed).as("two originals an older compiler made (literal order)")
                .containsExactly("Point>>degrees", "Point>>theta");
    }

    private static JsonNode find(JsonNode listing, String selector) {
        for (JsonNode m : listing.get("methods")) {
            if (m.get("selector").asText().equals(selector)) {
                return m;
            }
        }
        throw new AssertionError("no " + selector + " in " + listing);
    }
}
