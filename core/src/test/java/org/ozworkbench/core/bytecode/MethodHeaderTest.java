package org.ozworkbench.core.bytecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MethodHeaderTest {

    @Test
    void decodingThenEncodingGivesBackEveryHeaderExactly() {
        Random random = new Random(20240611L);
        IntStream edges = IntStream.of(0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 28, 1 << 29, 1 << 30,
                (1 << 30) - 1, -(1 << 30));
        IntStream.concat(edges, random.ints(200_000)).forEach(h ->
                assertThat(MethodHeader.decode(h).encode()).as("header 0x%08x", h).isEqualTo(h));
    }

    @Test
    void eachFieldIsReadFromItsDocumentedBits() {
        int h = 2 << 24 | 5 << 18 | 1 << 17 | 7 << 9 | 1 << 28 | 100;

        MethodHeader header = MethodHeader.decode(h);

        assertThat(header.numArgs()).isEqualTo(2);
        assertThat(header.numTemps()).isEqualTo(5);
        assertThat(header.largeFrame()).isTrue();
        assertThat(header.numLiterals()).isEqualTo(7);
        assertThat(header.primitiveIndex()).isEqualTo(612);
        assertThat(header.otherBits()).isZero();
        assertThat(header.numNonArgTemps()).isEqualTo(3);
    }

    @Test
    void bitsTheHeaderDoesNotInterpretAreKeptApart() {
        MethodHeader header = MethodHeader.decode(1 << 29 | 3);

        assertThat(header.primitiveIndex()).isEqualTo(3);
        assertThat(header.otherBits()).isEqualTo(1 << 29);
    }

    @Test
    void aHeaderMadeFromFieldsDecodesToTheSameFields() {
        MethodHeader made = MethodHeader.of(1, 4, 12, 517, false);

        MethodHeader decoded = MethodHeader.decode(made.encode());

        assertThat(decoded).isEqualTo(made);
        assertThat(decoded.primitiveIndex()).isEqualTo(517);
        assertThat(made.encode() & (1 << 28)).isNotZero();
    }

    @Test
    void fieldsOutOfRangeAreRefusedWithTheirNameAndRange() {
        assertThatThrownBy(() -> MethodHeader.of(16, 16, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numArgs must be in 0..15");
        assertThatThrownBy(() -> MethodHeader.of(0, 64, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numTemps must be in 0..63");
        assertThatThrownBy(() -> MethodHeader.of(0, 0, 256, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numLiterals must be in 0..255");
        assertThatThrownBy(() -> MethodHeader.of(0, 0, 0, 1024, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primitiveIndex must be in 0..1023");
        assertThatThrownBy(() -> MethodHeader.of(0, 0, -1, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
        assertThatThrownBy(() -> MethodHeader.of(3, 2, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numTemps counts the arguments");
    }

    @Test
    void theFirstBytecodeFollowsTheHeaderAndLiteralWords() {
        assertThat(MethodHeader.of(0, 0, 0, 0, false).initialPc()).isEqualTo(5);
        assertThat(MethodHeader.of(0, 0, 3, 0, false).initialPc()).isEqualTo(17);
    }

    @Test
    void quickPrimitivesSayWhatTheyAnswer() {
        assertThat(quick(256)).isEqualTo("^self");
        assertThat(quick(257)).isEqualTo("^true");
        assertThat(quick(258)).isEqualTo("^false");
        assertThat(quick(259)).isEqualTo("^nil");
        assertThat(quick(260)).isEqualTo("^-1");
        assertThat(quick(261)).isEqualTo("^0");
        assertThat(quick(262)).isEqualTo("^1");
        assertThat(quick(263)).isEqualTo("^2");
        assertThat(quick(264)).isEqualTo("^instVar 0");
        assertThat(quick(267)).isEqualTo("^instVar 3");
        assertThat(quick(519)).isEqualTo("^instVar 255");
    }

    @Test
    void onlyPrimitives256To519AreQuick() {
        assertThat(MethodHeader.of(0, 0, 0, 255, false).isQuick()).isFalse();
        assertThat(MethodHeader.of(0, 0, 0, 520, false).isQuick()).isFalse();
        assertThatThrownBy(() -> MethodHeader.of(0, 0, 0, 60, false).quickDescription())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("primitive 60");
    }

    private static String quick(int primitive) {
        MethodHeader header = MethodHeader.of(0, 0, 0, primitive, false);
        assertThat(header.isQuick()).isTrue();
        return header.quickDescription();
    }
}
