package org.ozworkbench.core.compiler.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ozworkbench.core.compiler.ast.MethodNode;
import org.ozworkbench.core.compiler.chunk.Chunk.ClassComment;
import org.ozworkbench.core.compiler.chunk.Chunk.ClassDefinition;
import org.ozworkbench.core.compiler.chunk.Chunk.ClassSideDefinition;
import org.ozworkbench.core.compiler.chunk.Chunk.DoItChunk;
import org.ozworkbench.core.compiler.chunk.Chunk.MethodChunk;
import org.ozworkbench.core.compiler.chunk.Chunk.Organization;
import org.ozworkbench.core.compiler.parser.Parser;
import org.ozworkbench.core.compiler.parser.SyntaxError;

class ChunkReaderTest {

    /** A Squeak 3 fileout, written with LF here and turned into CR (as Squeak writes it) by the tests. */
    private static final String FILEOUT = String.join("\n",
            "'From Squeak3.8 of ''5 May 2005'' [latest update: #6665] on 1 June 2024 at 10:00:00 am'!",  // 1
            "Object subclass: #OzPoint",                                                                   // 2
            "\tinstanceVariableNames: 'x y'",
            "\tclassVariableNames: 'Origin Count'",
            "\tpoolDictionaries: ''",
            "\tcategory: 'Oz-Tests'!",
            "!OzPoint commentStamp: 'ab 6/1/2024 10:00' prior: 0!",                                          // 7
            "A point that says Hello!! and",
            "ends with a bang!!!",
            "",
            "OzPoint class",                                                                               // 11
            "\tinstanceVariableNames: 'cache'!",
            "",
            "!OzPoint methodsFor: 'accessing' stamp: 'ab 6/1/2024 10:00'!",                                  // 14
            "x",                                                                                           // 15
            "\t^ x! !",
            "",
            "!OzPoint methodsFor: 'accessing' stamp: 'ab 6/1/2024 10:01'!",
            "x: aNumber",                                                                                  // 19
            "\t\"Set x. Shout!!\"",
            "\tx := aNumber! !",
            "",
            "!OzPoint methodsFor: 'printing'!",
            "printOn: aStream",                                                                            // 24
            "\taStream nextPutAll: 'OzPoint('; print: x; nextPutAll: ')'!",
            "shout",                                                                                       // 26
            "\t^ 'hey!!'! !",
            "",
            "!OzPoint class methodsFor: 'instance creation'!",
            "x: ax y: ay",                                                                                 // 30
            "\t^ self new x: ax; y: ay; yourself! !",
            "",
            "OzPoint variableByteSubclass: #OzBytes",                                                      // 33
            "\tinstanceVariableNames: ''",
            "\tclassVariableNames: ''",
            "\tpoolDictionaries: ''",
            "\tcategory: 'Oz-Tests'!",
            "",
            "OzPoint initialize!",                                                                         // 39
            "");

    private static List<Chunk> read(String text) {
        return ChunkReader.read(text, "OzPoint.st");
    }

    @Test
    void aFileoutWithCarriageReturnsGivesItsDefinitionsMethodsAndDoItsInOrder() {
        List<Chunk> chunks = read(FILEOUT.replace('\n', '\r'));

        assertThat(chunks).extracting(c -> c.getClass().getSimpleName() + "@" + c.line()).containsExactly(
                "DoItChunk@1", "ClassDefinition@2", "ClassComment@7", "ClassSideDefinition@11",
                "MethodChunk@15", "MethodChunk@19", "MethodChunk@24", "MethodChunk@26", "MethodChunk@30",
                "ClassDefinition@33", "DoItChunk@39");
    }

    @Test
    void aClassDefinitionIsRecognisedWithItsNamesSplitOnWhitespace() {
        ClassDefinition definition = (ClassDefinition) read(FILEOUT.replace('\n', '\r')).get(1);

        assertThat(definition.kind()).isEqualTo(ClassDefinition.Kind.SUBCLASS);
        assertThat(definition.superclassName()).contains("Object");
        assertThat(definition.className()).isEqualTo("OzPoint");
        assertThat(definition.instanceVariableNames()).containsExactly("x", "y");
        assertThat(definition.classVariableNames()).containsExactly("Origin", "Count");
        assertThat(definition.poolDictionaryNames()).isEmpty();
        assertThat(definition.category()).isEqualTo("Oz-Tests");
        assertThat(definition.source()).startsWith("Object subclass: #OzPoint\r").endsWith("category: 'Oz-Tests'");
    }

    @Test
    void aVariableByteSubclassDefinitionHasItsKind() {
        ClassDefinition definition = (ClassDefinition) read(FILEOUT).get(9);

        assertThat(definition.kind()).isEqualTo(ClassDefinition.Kind.VARIABLE_BYTE_SUBCLASS);
        assertThat(definition.superclassName()).contains("OzPoint");
        assertThat(definition.className()).isEqualTo("OzBytes");
        assertThat(definition.instanceVariableNames()).isEmpty();
    }

    @Test
    void theClassSideInstanceVariablesAreAClassSideDefinition() {
        assertThat(read(FILEOUT).get(3)).isEqualTo(new ClassSideDefinition("OzPoint", List.of("cache"),
                "OzPoint class\n\tinstanceVariableNames: 'cache'", 11));
    }

    @Test
    void doubledBangsInsideAChunkStandForOneBang() {
        List<Chunk> chunks = read(FILEOUT.replace('\n', '\r'));

        assertThat(((ClassComment) chunks.get(2)).comment()).isEqualTo("A point that says Hello! and\rends with a bang!");
        assertThat(((MethodChunk) chunks.get(5)).source()).isEqualTo("x: aNumber\r\t\"Set x. Shout!\"\r\tx := aNumber");
        assertThat(((MethodChunk) chunks.get(7)).source()).isEqualTo("shout\r\t^ 'hey!'");
    }

    @Test
    void aCommentStampSectionGivesTheCommentWithItsStamp() {
        ClassComment comment = (ClassComment) read(FILEOUT).get(2);

        assertThat(comment.className()).isEqualTo("OzPoint");
        assertThat(comment.stamp()).contains("ab 6/1/2024 10:00");
        assertThat(comment.line()).isEqualTo(7);
    }

    @Test
    void methodsCarryClassSideCategoryAndStampOfTheirSection() {
        List<Chunk> chunks = read(FILEOUT);

        assertThat(chunks.get(4)).isEqualTo(new MethodChunk("OzPoint", false, "accessing", "x\n\t^ x", 15,
                Optional.of("ab 6/1/2024 10:00")));
        MethodChunk printOn = (MethodChunk) chunks.get(6);
        assertThat(printOn.category()).isEqualTo("printing");
        assertThat(printOn.stamp()).isEmpty();
        MethodChunk classSide = (MethodChunk) chunks.get(8);
        assertThat(classSide.isMeta()).isTrue();
        assertThat(classSide.className()).isEqualTo("OzPoint");
        assertThat(classSide.category()).isEqualTo("instance creation");
    }

    @Test
    void everyMethodSourceOfTheFileoutParses() {
        List<MethodNode> methods = read(FILEOUT.replace('\n', '\r')).stream()
                .filter(MethodChunk.class::isInstance).map(c -> Parser.parseMethod(((MethodChunk) c).source()))
                .toList();

        assertThat(methods).extracting(MethodNode::selector).containsExactly("x", "x:", "printOn:", "shout", "x:y:");
    }

    @Test
    void crLfAndLfFilesGiveTheSameChunksAsCrFiles() {
        List<Chunk> cr = read(FILEOUT.replace('\n', '\r'));
        List<Chunk> crlf = read(FILEOUT.replace("\n", "\r\n"));
        List<Chunk> lf = read(FILEOUT);

        assertThat(crlf).extracting(Chunk::line).isEqualTo(cr.stream().map(Chunk::line).toList());
        assertThat(lf).extracting(Chunk::line).isEqualTo(cr.stream().map(Chunk::line).toList());
        assertThat(((MethodChunk) crlf.get(5)).source()).isEqualTo("x: aNumber\r\n\t\"Set x. Shout!\"\r\n\tx := aNumber");
    }

    @Test
    void aDefinitionFromNilHasNoSuperclassAndOtherKindsAreRecognised() {
        List<Chunk> chunks = read("nil subclass: #ProtoRoot instanceVariableNames: '' classVariableNames: ''"
                + " poolDictionaries: '' category: 'Kernel'!\r"
                + "Object weakSubclass: #Cell instanceVariableNames: 'a' classVariableNames: '' poolDictionaries:"
                + " 'TextConstants' category: 'K'!\r"
                + "Object variableWordSubclass: #Words instanceVariableNames: '' classVariableNames: ''"
                + " poolDictionaries: '' category: 'K'!\r"
                + "Object variableSubclass: #Slots instanceVariableNames: '' classVariableNames: '' poolDictionaries:"
                + " '' category: 'K'!");

        assertThat(chunks).extracting(c -> ((ClassDefinition) c).kind()).containsExactly(
                ClassDefinition.Kind.SUBCLASS, ClassDefinition.Kind.WEAK_SUBCLASS,
                ClassDefinition.Kind.VARIABLE_WORD_SUBCLASS, ClassDefinition.Kind.VARIABLE_SUBCLASS);
        assertThat(((ClassDefinition) chunks.get(0)).superclassName()).isEmpty();
        assertThat(((ClassDefinition) chunks.get(1)).poolDictionaryNames()).containsExactly("TextConstants");
        assertThat(chunks).extracting(Chunk::line).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aDefinitionWithComputedArgumentsIsAnOrdinaryDoIt() {
        String source = "Object subclass: #Foo instanceVariableNames: 'a', 'b' classVariableNames: ''"
                + " poolDictionaries: '' category: 'X'";

        assertThat(read(source + "!")).containsExactly(new DoItChunk(source, 1));
    }

    @Test
    void aDoItThatDoesNotParseIsKeptForTheCompilerToReport() {
        List<Chunk> chunks = read("Transcript show: 'hi'.\r(3 + !!\r!");

        assertThat(chunks).containsExactly(new DoItChunk("Transcript show: 'hi'.\r(3 + !\r", 1));
        SyntaxError error = catchThrowableOfType(() -> Parser.parseDoIt(((DoItChunk) chunks.get(0)).source()),
                SyntaxError.class);
        ChunkFormatException located = ChunkFormatException.syntaxError("Foo.st", chunks.get(0).line(), error);
        assertThat(located.getMessage()).isEqualTo("Foo.st:2:6: unexpected character '!' (U+0021)");
        assertThat(located.line()).isEqualTo(2);
    }

    @Test
    void aStyleChunkAfterAMethodIsSkipped() {
        List<Chunk> chunks = read("!Foo methodsFor: 'x'!\rfoo\r\t^ 1! ]style[(3 5)f1b,f1! !\rFoo bar!");

        assertThat(chunks).containsExactly(new MethodChunk("Foo", false, "x", "foo\r\t^ 1", 2, Optional.empty()),
                new DoItChunk("Foo bar", 4));
    }

    @Test
    void aReorganizeSectionGivesTheOrganizationText() {
        List<Chunk> chunks = read("!Foo class reorganize!\r('accessing' bar baz)\r!\r");

        assertThat(chunks).containsExactly(new Organization("Foo", true, "('accessing' bar baz)\r", 1));
    }

    @Test
    void strayEmptyChunksAndTrailingSpaceAreIgnoredAndAnUnterminatedLastChunkIsRead() {
        List<Chunk> chunks = read("  ! !\r\rFoo bar!\r! !\r\r3 + 4");

        assertThat(chunks).containsExactly(new DoItChunk("Foo bar", 3), new DoItChunk("3 + 4", 6));
    }

    @Test
    void aMethodsSectionMayRunToTheEndOfTheFile() {
        List<Chunk> chunks = read("!Foo methodsFor: 'x'!\rfoo ^ 1!\rbar ^ 2!");

        assertThat(chunks).extracting(c -> ((MethodChunk) c).source()).containsExactly("foo ^ 1", "bar ^ 2");
    }

    @Test
    void anUnknownSectionHeaderIsRefusedNamingFileAndLine() {
        assertThatThrownBy(() -> read("Foo bar!\r\r!Foo frobnicate: 3!\rbaz! !"))
                .isInstanceOf(ChunkFormatException.class)
                .hasMessage("OzPoint.st:3: unknown section header 'Foo frobnicate: 3'; expected 'Foo methodsFor:"
                        + " 'category'' (or 'Foo class methodsFor:'), 'Foo commentStamp: 'stamp' prior: 0' or"
                        + " 'Foo reorganize'")
                .extracting(e -> ((ChunkFormatException) e).line()).isEqualTo(3);
    }

    @Test
    void aSectionHeaderWithASyntaxErrorIsRefusedWithTheFilesLineAndColumn() {
        ChunkFormatException error = catchThrowableOfType(
                () -> read("\"header\"!\r!Foo methodsFor: 'x!\rfoo ^ 1! !"), ChunkFormatException.class);

        assertThat(error.getMessage()).isEqualTo("OzPoint.st:2:20: in a section header: expected a quote (') to"
                + " close the string opened at line 2:18");
        assertThat(error.fileName()).isEqualTo("OzPoint.st");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.getCause()).isInstanceOf(SyntaxError.class);
    }

    @Test
    void aSyntaxErrorInAMethodChunkIsToldAtTheLinesOfTheFile() {
        MethodChunk chunk = (MethodChunk) read("\"preamble\"!\r\r!Foo methodsFor: 'x'!\rfoo\r\t^ [:x |\r\t\tx + 1! !")
                .get(1);
        SyntaxError error = catchThrowableOfType(() -> Parser.parseMethod(chunk.source()), SyntaxError.class);

        ChunkFormatException located = ChunkFormatException.syntaxError("Foo.st", chunk.line(), error);

        assertThat(error.getMessage()).isEqualTo("line 3:8: expected ']' to close the block opened at line 2:4");
        assertThat(located.getMessage()).isEqualTo("Foo.st:6:8: expected ']' to close the block opened at line 5:4");
        assertThat(located.line()).isEqualTo(6);
    }
}
