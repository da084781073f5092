package org.ozworkbench.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ozworkbench.workbench.cli.OzwRun.imageOf;
import static org.ozworkbench.workbench.cli.OzwRun.ozw;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ozworkbench.fixtures.ImageFacts;

class InspectCommandTest {

    static Iterable<ImageFacts> images() {
        return ImageFacts.all();
    }

    @ParameterizedTest
    @MethodSource("images")
    void inspectJson_givesTheCountsOfTheImagesReadme(ImageFacts facts) throws Exception {
        Path image = imageOf(facts);

        OzwRun run = ozw("inspect", image, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("file").asText()).isEqualTo(image.toString());
        assertThat(json.get("sizeBytes").asLong()).isEqualTo(Files.size(image));
        assertThat(json.get("format").asInt()).isEqualTo(facts.format());
        JsonNode counts = json.get("counts");
        assertThat(counts.get("objects").asInt()).isEqualTo(facts.objects());
        assertThat(counts.get("oneWordHeaders").asInt()).isEqualTo(facts.oneWordHeaders());
        assertThat(counts.get("twoWordHeaders").asInt()).isEqualTo(facts.twoWordHeaders());
        assertThat(counts.get("threeWordHeaders").asInt()).isEqualTo(facts.threeWordHeaders());
        assertThat(counts.get("classes").asInt()).isEqualTo(facts.classes());
        assertThat(counts.get("compiledMethods").asInt()).isEqualTo(facts.compiledMethods());
        assertThat(counts.get("globals").asInt()).isEqualTo(facts.globals().orElse(0));
        assertThat(counts.get("hasSmalltalk").asBoolean()).isEqualTo(facts.globals().isPresent());
        JsonNode header = json.get("header");
        assertThat(header.get("dataSize").asInt()).isEqualTo(facts.dataSize());
        assertThat(header.get("oldBaseAddress").asText()).isEqualTo("0x" + Long.toHexString(facts.oldBaseAddress()));
        assertThat(header.get("specialObjectsOop").asText())
                .isEqualTo("0x" + Long.toHexString(facts.specialObjectsOop()));
    }

    @Test
    void givenScratch_whenInspected_thenDialectByteOrderAndProcessesAreReported() {
        OzwRun run = ozw("inspect", OzwRun.scratch(), "--json");

        JsonNode json = run.json();
        assertThat(json.get("dialect").asText()).isEqualTo("squeak3");
        assertThat(json.get("byteOrder").asText()).isEqualTo("LITTLE_ENDIAN");
        assertThat(json.get("counts").get("processes").asInt()).isEqualTo(7);
        assertThat(json.get("activeProcessPriority").asInt()).isEqualTo(4);
    }

    @Test
    void givenScratch_whenInspectedAsText_thenTheCountsAreReadable() {
        OzwRun run = ozw("inspect", OzwRun.scratch());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("format      6502", "objects     83,459", "classes     604",
                "16,255 CompiledMethods", "globals     617", "processes   7 (active process at priority 4)");
    }

    @Test
    void givenTheBigEndianImage_whenInspected_thenItSaysBigEndian() {
        OzwRun run = ozw("inspect", imageOf(ImageFacts.SQUEAKJS_BIG_ENDIAN), "--json");

        assertThat(run.json().get("byteOrder").asText()).isEqualTo("BIG_ENDIAN");
        assertThat(run.json().get("dialect").asText()).isEqualTo("squeak2");
    }

    @Test
    void givenCandle_whenInspectedAsText_thenItSaysThereAreNoGlobals() {
        OzwRun run = ozw("inspect", imageOf(ImageFacts.CANDLE));

        assertThat(run.out()).contains("globals     none (no Smalltalk)", "dialect     candle");
    }
}
