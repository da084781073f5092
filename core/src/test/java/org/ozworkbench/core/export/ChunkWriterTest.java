package org.ozworkbench.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.Images;
import org.ozworkbench.core.compiler.FileIn;
import org.ozworkbench.core.contract.Slot;
import org.ozworkbench.core.decompiler.Decompiler;
import org.ozworkbench.core.mirror.ClassMirror;
import org.ozworkbench.core.mirror.MethodMirror;
import org.ozworkbench.core.mirror.ObjectMirror;
import org.ozworkbench.core.space.ObjectSpace;

class ChunkWriterTest {
    private static ObjectSpace space;

    @BeforeAll
    static void load() {
        space = ObjectSpace.load(Images.scratch());
    }

    @AfterAll
    static void close() {
        space.close();
    }

    private static ClassMirror cls(String name) {
        return space.classNamed(name).orElseThrow();
    }

    @Test
    void theDefinitionMessageFollowsTheInstancesFormatAsTheGuestsKindOfSubclassDoes() {
        ChunkWriter writer = ChunkWriter.on(space);

        assertThat(writer.definition(cls("Array"))).startsWith("ArrayedCollection variableSubclass: #Array\n");
        assertThat(writer.definition(cls("String"))).startsWith("ArrayedCollection variableByteSubclass: #String\n");
        assertThat(writer.definition(cls("Bitmap"))).startsWith("ArrayedCollection variableWordSubclass: #Bitmap\n");
        assertThat(writer.definition(cls("WeakArray"))).startsWith("Array weakSubclass: #WeakArray\n");
        assertThat(writer.definition(cls("Point"))).isEqualTo("Object subclass: #Point\n"
                + "\tinstanceVariableNames: 'x y'\n\tclassVariableNames: ''\n\tpoolDictionaries: ''\n"
                + "\tcategory: 'Graphics-Primitives'!\n\n");
    }

    @Test
    void classVariablesAreSortedAndPoolsNamedByTheirGlobal() {
        String definition = ChunkWriter.on(space).definition(cls("ParagraphEditor"));

        assertThat(definition).contains("\tpoolDictionaries: 'TextConstants'\n");
        String vars = definition.replaceAll("(?s).*classVariableNames: '([^']*)'.*", "$1");
        assertThat(List.of(vars.split(" "))).isSorted().hasSizeGreaterThan(1);
    }

    @Test
    void aCommentTheImageHoldsAsAStringIsWrittenAsACommentStampSectionThatFilesIn() {
        try (ObjectSpace sandbox = space.sandbox()) {
            ClassMirror point = sandbox.classNamed("Point").orElseThrow();
            ObjectMirror organizer = (ObjectMirror) point.slot(sandbox.contract().get(Slot.CLASS_ORGANIZATION));
            organizer.instVarNamedPut("globalComment", sandbox.newString("I am a point! 'x' and y."));
            ChunkWriter writer = ChunkWriter.on(sandbox);

            String comment = writer.comment(point);

            assertThat(comment).isEqualTo("!Point commentStamp: '<historical>' prior: 0!\nI am a point!! 'x' and y.!\n\n");
            assertThat(writer.commentCount()).isOne();
            assertThat(ChunkWriter.on(space).comment(cls("Point"))).as("a comment kept in a sources file").isEmpty();
            new FileIn(sandbox).fileIn(writer.definition(point) + comment, "point.st");
        }
    }

    @Test
    void aNamedPrimitiveWithoutNameOrModuleFilesBackInWithItsEmptySymbols() {
        try (ObjectSpace sandbox = space.sandbox()) {
            ClassMirror object = sandbox.classNamed("Object").orElseThrow();
            MethodMirror original = object.compiledMethodAt("tryNamedPrimitive").orElseThrow();
            String source = Decompiler.on(sandbox).source(object, "tryNamedPrimitive", original);
            assertThat(source).contains("<primitive: '' module:''>");

            new FileIn(sandbox).fileIn("!Object methodsFor: 'ozw'!\n" + source + "! !\n", "primitive.st");

            MethodMirror back = object.compiledMethodAt("tryNamedPrimitive").orElseThrow();
            assertThat(back).isNotEqualTo(original);
            ObjectMirror description = (ObjectMirror) back.literals().get(0);
            assertThat(description.slots().subList(0, 2)).containsOnly(sandbox.intern(""));
            assertThat(back.bytecodes()).isEqualTo(original.bytecodes());
        }
    }
}
