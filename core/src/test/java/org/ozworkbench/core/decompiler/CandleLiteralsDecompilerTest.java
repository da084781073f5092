package org.ozworkbench.core.decompiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.space.ObjectSpace;
import org.ozworkbench.fixtures.ImageFacts;

/**
 * Candle's Array is PCArray: a named primitive's description and a literal array are recognised by
 * their class being the image's Array (special object 7), not by its name. Without them the
 * bootstrapped Candle's file primitives and {@code PCBlock>>value} are lost (it cannot log).
 */
class CandleLiteralsDecompilerTest {
    private static ObjectSpace candle;

    @BeforeAll
    static void load() {
        candle = ObjectSpace.load(Images.assumeImage(ImageFacts.CANDLE.fileName()));
    }

    @AfterAll
    static void close() {
        candle.close();
    }

    private static String source(String className, String selector) {
        ClassMirror cls = candle.classNamed(className).orElseThrow();
        return Decompiler.on(candle).decompile(cls, selector, cls.compiledMethodAt(selector).orElseThrow());
    }

    @Test
    void aNamedPrimitiveOfCandleIsDecompiledWithItsNameAndModule() {
        assertThat(source("PCFile", "primOpen:writable:"))
                .contains("<primitive: 'primitiveFileOpen' module:'FilePlugin'>");
    }

    @Test
    void aLiteralArrayOfCandleIsDecompiledAsALiteralArray() {
        assertThat(source("PCBlock", "value")).contains("<primitive: 201>", "self valueWithArguments: #()");
    }

    @Test
    void aClassVariableValueIsSpelledAsTheLiteralItIs() {
        ClassMirror character = candle.classNamed("PCCharacter").orElseThrow();

        assertThat(Decompiler.on(candle).literalSource(character.classVariableValue("CharacterTable").orElseThrow()))
                .hasValueSatisfying(text -> assertThat(text).startsWith("#($").hasSize(2 + 256 * 3 - 1 + 1));
    }
}
