package org.ozworkbench.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.space.ObjectSpace;

class ContractTest {

    @Test
    void theDialectIsDetectedFromTheShapeOfClassArray() {
        assertThat(ObjectSpace.load(Images.scratch()).contract().dialect()).isEqualTo("squeak3");
        Images.sharedImage("mini-6502.image").ifPresent(p ->
                assertThat(ObjectSpace.load(p).contract().dialect()).isEqualTo("squeak2"));
        Images.sharedImage("candle-6505.image").ifPresent(p ->
                assertThat(ObjectSpace.load(p).contract().dialect()).isEqualTo("candle"));
    }

    @Test
    void eachDialectPlacesTheClassNameAndThisClassWhereItsImagesKeepThem() {
        assertThat(Contract.builtIn("squeak3").get(Slot.CLASS_NAME)).isEqualTo(6);
        assertThat(Contract.builtIn("squeak3").get(Slot.METACLASS_THIS_CLASS)).isEqualTo(5);
        assertThat(Contract.builtIn("squeak2").get(Slot.METACLASS_THIS_CLASS)).isEqualTo(6);
        assertThat(Contract.builtIn("squeak2").get(Slot.CLASS_INSTANCE_VARIABLES)).isEqualTo(4);
        assertThat(Contract.builtIn("candle").get(Slot.CLASS_INSTANCE_VARIABLES)).isEqualTo(7);
        assertThat(Contract.builtIn("candle").get(Slot.CLASS_POOL)).isEqualTo(8);
        assertThat(Contract.builtIn("candle").has(Slot.CLASS_SUBCLASSES)).isFalse();
        assertThat(Contract.builtIn("candle").emptyVariablesHeld()).isTrue();
        assertThat(Contract.builtIn("squeak3").emptyVariablesHeld()).isFalse();
        assertThat(Contract.builtIn("candle").symbolTable()).isEqualTo(Contract.SymbolTable.NONE);
        assertThat(Contract.builtIn("candle").inlinedSelectorHashes()).containsEntry("ifTrue:", 3)
                .containsEntry("to:do:", 0).hasSize(12);
        assertThat(Contract.builtIn("squeak3").inlinedSelectorHashes()).isEmpty();
    }

    @Test
    void aUserFileOverridesTheKeysItNamesOnTopOfABuiltInDialect(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.properties");
        Files.writeString(file, "base = squeak3\ndialect = my-scratch\nframe.large = 64\n");

        Contract c = Contract.load(file);
        ObjectSpace space = ObjectSpace.load(Images.scratch(), c);

        assertThat(c.dialect()).isEqualTo("my-scratch");
        assertThat(c.get(Slot.FRAME_LARGE)).isEqualTo(64);
        assertThat(c.get(Slot.CLASS_NAME)).isEqualTo(6);
        assertThat(space.classNamed("Array")).isPresent();
    }

    @Test
    void anIncompleteOrMalformedContractIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path missing = Files.writeString(dir.resolve("a.properties"), "dialect = x\nclass.superclass = 0\n");
        Path malformed = Files.writeString(dir.resolve("b.properties"), "base = squeak2\nclass.name = six\n");
        Path badHash = Files.writeString(dir.resolve("c.properties"),
                "base = candle\ncompiler.inlinedSelectorHashes = and:=1 ifTrue:3\n");

        Path badEmpty = Files.writeString(dir.resolve("d.properties"), "base = candle\nclass.emptyVariables = none\n");

        assertThatThrownBy(() -> Contract.load(missing)).hasMessageContaining("missing required key class.methodDict");
        assertThatThrownBy(() -> Contract.load(badEmpty))
                .hasMessageContaining("class.emptyVariables = 'none' is neither nil nor empty");
        assertThatThrownBy(() -> Contract.load(malformed)).hasMessageContaining("class.name = 'six' is not a number");
        assertThatThrownBy(() -> Contract.load(badHash))
                .hasMessageContaining("compiler.inlinedSelectorHashes: 'ifTrue:3' is not selector=hash");
        assertThatThrownBy(() -> Contract.builtIn("smalltalk-80")).hasMessageContaining("no built-in contract");
    }
}
