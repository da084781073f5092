package org.ozworkbench.core.compiler.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The corpus file format, on files written here: no VM needed. */
class GuestCorpusReaderTest {
    private static final Path FILE = Path.of("test.corpus");
    /** A method header declaring one literal (bits 9-16) and nothing else. */
    private static final int ONE_LITERAL = 1 << 9;

    /** Writes fields the way the doIt does: name, space, byte count, colon, bytes, line feed. */
    private static final class Corpus {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int records;

        Corpus field(String name, String content) {
            byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes((name + " " + bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.write('\n');
            return this;
        }

        Corpus opening() {
            return field("ozwGuestCorpus", GuestCorpusReader.FORMAT_VERSION).field("version", "Squeak 2.2 of Sept 23, 1998");
        }

        Corpus record(String cls, String selector, String... middle) {
            field("method", cls).field("selector", selector);
            for (int i = 0; i < middle.length; i += 2) {
                field(middle[i], middle[i + 1]);
            }
            records++;
            return field("end", "");
        }

        Corpus closing() {
            return closing(records);
        }

        Corpus closing(int count) {
            return field("decompileMillis", "12").field("compileMillis", "34").field("guestMillis", "56")
                    .field("methods", String.valueOf(count));
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        int size() {
            return out.size();
        }
    }

    private static GuestCorpusReader.Contents parse(Corpus c) {
        return GuestCorpusReader.parse(FILE, c.bytes());
    }

    @Test
    void aFieldHoldsAnyBytesBecauseItsLengthIsGiven() {
        String tricky = "printOn: aStream\r\taStream nextPutAll: 'end 0:\nmethod 3:Foo\n'; nextPut: $\u00e9; nextPut: $\u0000";
        Corpus c = new Corpus().opening().record("Foo class", "printOn:",
                "originalHeader", String.valueOf(ONE_LITERAL), "originalLiteral", "'a\nb'", "originalBytecodes", "10e07c",
                "source", tricky,
                "compiledHeader", String.valueOf(ONE_LITERAL), "compiledLiteral", "'a\nb'", "compiledBytecodes", "10e07c",
                "roundTrip", "same")
                .closing();

        GuestCorpusReader.Contents contents = parse(c);

        assertThat(contents.guestVersion()).isEqualTo("Squeak 2.2 of Sept 23, 1998");
        assertThat(contents.methods()).hasSize(1);
        GuestMethod m = contents.methods().get(0);
        assertThat(m.className()).isEqualTo("Foo");
        assertThat(m.isMeta()).isTrue();
        assertThat(m.key()).isEqualTo("Foo class>>printOn:");
        assertThat(m.source()).contains(tricky);
        assertThat(m.original().literals()).containsExactly("'a\nb'");
        assertThat(m.original().bytecodes()).containsExactly(0x10, 0xe0, 0x7c);
        assertThat(m.compiled()).contains(m.original());
        assertThat(m.guestRoundTripIsSame()).isTrue();
        assertThat(contents.timings().compile().toMillis()).isEqualTo(34);
    }

    @Test
    void aMethodTheGuestCouldNotDecompileOrCompileKeepsTheGuestsMessage() {
        Corpus c = new Corpus().opening()
                .record("Foo", "a", "originalHeader", "0", "originalBytecodes", "78", "decompileError", "boom")
                .record("Foo", "b", "hostPatched", "1", "originalHeader", "0", "originalBytecodes", "78",
                        "source", "b ^ self ^ 1", "compileError", "8: Nothing more expected ->")
                .closing();

        List<GuestMethod> methods = parse(c).methods();

        assertThat(methods.get(0).decompileError()).contains("boom");
        assertThat(methods.get(0).source()).isEmpty();
        assertThat(methods.get(0).compiled()).isEmpty();
        assertThat(methods.get(1).patchedByHost()).isTrue();
        assertThat(methods.get(1).compileError()).contains("8: Nothing more expected ->");
        assertThat(methods.get(1).isRecompiled()).isFalse();
    }

    @Test
    void aRecordTheGuestFailedToWriteIsAnErrorNotAMethod() {
        Corpus c = new Corpus().opening()
                .record("Foo", "a", "originalHeader", "0", "recordError", "subscript is out of bounds: 9")
                .closing();

        GuestCorpusReader.Contents contents = parse(c);

        assertThat(contents.methods()).isEmpty();
        assertThat(contents.recordErrors()).singleElement().satisfies(e -> {
            assertThat(e.qualifiedClassName()).isEqualTo("Foo");
            assertThat(e.message()).isEqualTo("subscript is out of bounds: 9");
        });
    }

    @Test
    void aFileTheGuestStoppedWritingIsRefusedAtItsEnd() {
        Corpus c = new Corpus().opening().record("Foo", "a", "originalHeader", "0", "originalBytecodes", "78",
                "decompileError", "boom");
        int end = c.size();

        assertThatThrownBy(() -> parse(c)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessageContaining("offset " + end).hasMessageContaining("the file ends")
                .satisfies(e -> assertThat(((GuestCorpusFormatException) e).offset()).isEqualTo(end));
        assertThat(GuestCorpusReader.lastMethodStarted(FILE, c.bytes())).contains("Foo>>a");
    }

    @Test
    void aByteCountBeyondTheFileIsRefusedWithItsOffset() {
        Corpus c = new Corpus().opening();
        int at = c.size();
        byte[] bytes = (new String(c.bytes(), StandardCharsets.ISO_8859_1) + "method 99:Foo\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> GuestCorpusReader.parse(FILE, bytes)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessageContaining("offset " + (at + "method 99:".length()))
                .hasMessageContaining("declares 99 bytes, only 4 remain");
    }

    @Test
    void aFieldNotFollowedByALineFeedIsRefused() {
        byte[] bytes = "ozwGuestCorpus 1:1Xversion 0:\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> GuestCorpusReader.parse(FILE, bytes)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessage(FILE + ", offset 18: expected a line feed after the 1 bytes of field 'ozwGuestCorpus',"
                        + " found 'X'");
    }

    @Test
    void anUnexpectedFieldIsNamedWithItsOffset() {
        Corpus c = new Corpus().opening().field("method", "Foo").field("selector", "a");
        int at = c.size();
        c.field("source", "a ^ 1").field("end", "").closing(1);

        assertThatThrownBy(() -> parse(c)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessage(FILE + ", offset " + at + ": expected 'originalHeader', found field 'source'");
    }

    @Test
    void aLiteralCountOtherThanTheHeadersIsRefused() {
        Corpus c = new Corpus().opening().record("Foo", "a", "originalHeader", String.valueOf(ONE_LITERAL),
                "originalBytecodes", "78", "decompileError", "x").closing();

        assertThatThrownBy(() -> parse(c)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessageContaining("declares 1 literals, 0 given");
    }

    @Test
    void aCountThatDisagreesWithTheRecordsIsRefused() {
        Corpus c = new Corpus().opening().record("Foo", "a", "originalHeader", "0", "originalBytecodes", "78",
                "decompileError", "x").closing(2);

        assertThatThrownBy(() -> parse(c)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessageContaining("the guest counted 2 method records, the file holds 1");
    }

    @Test
    void aSecondRecordForTheSameMethodIsRefusedWithItsOffset() {
        Corpus c = new Corpus().opening().record("Foo", "a", "originalHeader", "0", "originalBytecodes", "78",
                "decompileError", "x");
        int second = c.size();
        c.record("Foo", "a", "originalHeader", "0", "originalBytecodes", "78", "decompileError", "x").closing();

        assertThatThrownBy(() -> parse(c)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessage(FILE + ", offset " + second + ": a second record for Foo>>a");
    }

    @Test
    void anotherFormatVersionIsRefused() {
        Corpus c = new Corpus().field("ozwGuestCorpus", "1");

        assertThatThrownBy(() -> parse(c)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessage(FILE + ", offset 0: corpus format 1 is not the one this reader knows (2)");
    }

    @Test
    void aRecompiledMethodWithoutTheGuestsRoundTripVerdictIsRefused() {
        Corpus c = new Corpus().opening().record("Foo", "a", "originalHeader", "0", "originalBytecodes", "78",
                "source", "a", "compiledHeader", "0", "compiledBytecodes", "78").closing();

        assertThatThrownBy(() -> parse(c)).isInstanceOf(GuestCorpusFormatException.class)
                .hasMessageContaining("the record of Foo>>a ends before 'roundTrip'");
    }

    @Test
    void theDoItGetsThePathAndThePatchedMethodsAsSmalltalkLiterals() {
        String doIt = GuestCorpus.doItSource("x := '{{OUTPUT}}'. y := {{PATCHED}}", Path.of("/tmp/it's/corpus.txt"),
                List.of("StandardFileStream>>primOpen:writable:", "FileDirectory class>>pathNameDelimiter"));

        assertThat(doIt).isEqualTo("x := '/tmp/it''s/corpus.txt'. y := #('StandardFileStream>>primOpen:writable:'"
                + " 'FileDirectory class>>pathNameDelimiter')");
    }

    @Test
    void theDoItResourceHasBothPlaceholdersOnce() {
        String template = GuestCorpus.doItTemplate();

        assertThat(template).containsOnlyOnce("{{OUTPUT}}").containsOnlyOnce("{{PATCHED}}");
    }
}
